/*
 * commands.h -- the perflab tool's subcommands, one file each.
 *
 * perflab.c (the dispatcher) calls these; a command calls only the library
 * modules beside it (labs, env, build, suite, measure, grader, readme,
 * files), never another command or the dispatcher.
 */
#ifndef PERFLAB_COMMANDS_H
#define PERFLAB_COMMANDS_H

int cmd_lab(const char *lab);          /* lab.c */
int cmd_grade(int argc, char **argv);  /* grade.c */
int cmd_test(int argc, char **argv);   /* test.c */
int cmd_profile(int argc, char **argv); /* profile.c */
int cmd_targets(int argc, char **argv); /* targets.c */
int cmd_course(void);                  /* course.c */
int cmd_class(int argc, char **argv);  /* class.c */

#endif
