/*
 * data.c - finding the data directory.
 *
 * The running program is found through /proc/self/exe (Linux), else
 * argv[0] is not consulted: a program run from PATH without /proc falls
 * back to $PE_DATA and the compiled-in directory.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pe/data.h"

#ifndef PE_DATADIR
#define PE_DATADIR "/usr/local/share/pe"
#endif

static int
has(const char *dir, const char *file)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return 0;
	return access(path, R_OK) == 0;
}

const char *
pe_datadir(const char *file)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], *slash;
	const char *env = getenv("PE_DATA");
	ssize_t n;

	if (env != NULL && *env != '\0' && has(env, file)) {
		snprintf(dir, sizeof(dir), "%s", env);
		return dir;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof(dir), "%.*s/../data", PATH_MAX - 16, exe);
			if (has(dir, file))
				return dir;
			snprintf(dir, sizeof(dir), "%.*s/../share/pe", PATH_MAX - 16, exe);
			if (has(dir, file))
				return dir;
		}
	}
	if (has(PE_DATADIR, file)) {
		snprintf(dir, sizeof(dir), "%s", PE_DATADIR);
		return dir;
	}
	return NULL;
}
