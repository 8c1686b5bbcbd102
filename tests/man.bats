#!/usr/bin/env bats
# The EXAMPLES of every man page run as tests (tests/man-examples.py).

setup() {
	PE_BIN=${PE_BIN:-$BATS_TEST_DIRNAME/../build}
	export PATH="$PE_BIN:$PATH"
	export PE_DATA=${PE_DATA:-$BATS_TEST_DIRNAME/../data}
	MAN=$BATS_TEST_DIRNAME/../man
}

@test "pe-split(1) EXAMPLES print what the page says" {
	run python3 "$BATS_TEST_DIRNAME/man-examples.py" "$MAN/pe-split.1"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "pe(7) EXAMPLES print what the page says" {
	run python3 "$BATS_TEST_DIRNAME/man-examples.py" "$MAN/pe.7"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "pe-record(5) EXAMPLES print what the page says" {
	run python3 "$BATS_TEST_DIRNAME/man-examples.py" "$MAN/pe-record.5"
	echo "$output"
	[ "$status" -eq 0 ]
}
