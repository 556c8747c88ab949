#pragma once
// The one way nnmip writes an output file (networks, JSON, MPS/LP, reports,
// cache entries): the target is either the old file or the complete new one,
// never a partial file, and every failed write is an error.
//
// A regular file (or a new one) is written to a temporary file in the same
// folder (".NAME.nnmip-tmp-PID-N"), every write checked, fsync'ed, renamed over
// the target, and the folder fsync'ed. On any error the temporary file is
// removed and nnmip::Error names the path and the cause ("No space left on
// device"). A symbolic link is followed: the file it points to is replaced.
//
// A target that is not a regular file (/dev/null, /dev/full, a pipe, a
// terminal) or that names an open descriptor (/dev/stdout, /dev/fd/N) cannot be
// renamed over: it is written directly, appending (so that what the process
// already wrote to the same stream is kept), and write errors still throw.
#include <string>
#include <string_view>

namespace nnmip {

/// Writes `content` to `path` as described above. Throws nnmip::Error.
void write_file_atomically(const std::string& path, std::string_view content);

/// Removes the temporary files that killed nnmip processes left in `folder`
/// (those whose process no longer runs). Returns how many were removed; errors
/// (e.g. a read-only folder) are ignored: the leftovers are harmless.
int remove_stale_temporary_files(const std::string& folder);

}  // namespace nnmip
