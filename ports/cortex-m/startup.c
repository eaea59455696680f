/*
 * startup.c: reset handler and vector table for QEMU's mps2-an385 /
 * mps2-an386 (and the Cortex-M0+ size build): copy .data, zero .bss,
 * call main. The stack is the top of RAM (mps2.ld); port_stack_paint()
 * and port_stack_used() measure its high-water mark by painting.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "port.h"

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _stack_bottom[], _estack[];
int main(void);
void Reset_Handler(void);
void port_fault(void);
void port_systick(void);

#define PAINT 0xa5c3e17bu

static uint32_t *paint_top;

void
port_stack_paint(void)
{
    uint32_t here;
    uint32_t *p = _stack_bottom;

    /* leave the words just below this frame alone: this function uses them */
    paint_top = (uint32_t *)((uintptr_t)&here & ~(uintptr_t)3) - 32;
    while (p < paint_top)
        *p++ = PAINT;
}

size_t
port_stack_used(void)
{
    const uint32_t *p = _stack_bottom;

    while (p < paint_top && *p == PAINT)
        p++;
    return (size_t)((uintptr_t)paint_top - (uintptr_t)p);
}

void
Reset_Handler(void)
{
    size_t n = (size_t)((uintptr_t)_edata - (uintptr_t)_sdata);

    memcpy(_sdata, _sidata, n);
    memset(_sbss, 0, (size_t)((uintptr_t)_ebss - (uintptr_t)_sbss));
    port_exit(main());
}

/* Any fault ends the run with a message the check recognises. */
void
port_fault(void)
{
    port_puts("FAULT\n");
    port_exit(3);
}

/* SysTick wraps every 2^24 cycles; the test firmware times with it. */
volatile uint32_t port_systick_wraps;

void
port_systick(void)
{
    port_systick_wraps++;
}

__attribute__((section(".isr_vector"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)_estack, Reset_Handler, port_fault, port_fault,
    port_fault, port_fault, port_fault, 0, 0, 0, 0, port_fault, port_fault, 0,
    port_fault, port_systick,
};
