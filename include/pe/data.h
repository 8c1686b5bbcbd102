/*
 * data.h - where the data files are.
 *
 * Word lists, era tables and gazetteers live in data files that users
 * can read and extend, installed under $(PREFIX)/share/pe.  They are
 * looked for, in order, in $PE_DATA, in ../data and ../share/pe next to
 * the running program (a build tree, an installed tree), and in the
 * directory compiled in as PE_DATADIR.
 */
#ifndef PE_DATA_H
#define PE_DATA_H

/*
 * The first directory of the list above that holds file (a name such as
 * "abbrev-en.tsv"), or NULL when none does.  Returns static storage.
 */
const char *pe_datadir(const char *file);

#endif
