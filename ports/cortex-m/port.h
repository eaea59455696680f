/* port.h: what the startup code, the allocator guard and the firmware
 * share (ports/cortex-m). */
#ifndef CMSFW_PORT_H
#define CMSFW_PORT_H

#include <stddef.h>
#include <stdint.h>

/* Fill the stack below the caller's frame with a pattern... */
void port_stack_paint(void);
/* ...and how many octets below that frame were written since. */
size_t port_stack_used(void);

/* Number of calls that reached the allocator guard (malloc & co). */
extern volatile unsigned port_alloc_calls;

/* SysTick wraps counted by its interrupt (startup.c). */
extern volatile uint32_t port_systick_wraps;

/* Output over semihosting (test firmware only). */
void port_puts(const char *s);
void port_exit(int status);

#endif
