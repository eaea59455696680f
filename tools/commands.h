/* commands.h: the subcommands of the cmsfw tool. Each returns the exit
 * status: 0 success, 1 rejected or undecodable input, 2 usage or I/O. */
#ifndef CMSFW_TOOLS_COMMANDS_H
#define CMSFW_TOOLS_COMMANDS_H

int cmd_inspect(int argc, char **argv);
int cmd_protect(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_keyinfo(int argc, char **argv);

#endif
