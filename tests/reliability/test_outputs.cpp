// Output files survive kills, full disks and mistakes: every output goes
// through write_file_atomically (old file or complete new file, never a partial
// one; every write error reported), streams and devices work, and no output may
// overwrite an input of the command.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "support/cli_test_folder.hpp"
#include "support/run_cli.hpp"
#include "support/scratch_mount.hpp"

namespace fs = std::filesystem;
using namespace nnmip;
using nnmip::testing::CliRun;
using nnmip::testing::run_cli;
using nnmip::testing::ScratchMount;

namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Files in `dir` other than `keep` (temporary files left behind would show here).
std::vector<std::string> other_files(const std::string& dir, const std::set<std::string>& keep) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    if (!keep.count(entry.path().filename().string())) names.push_back(entry.path().filename().string());
  return names;
}

class Outputs : public nnmip::testing::CliTestFolder {
 protected:
  /// A small network to maximize over (3 inputs).
  std::string network() {
    write_onnx(init_pytorch_default({3, 4, 1}, 2), path("m.onnx"));
    return path("m.onnx");
  }
};

}  // namespace

TEST_F(Outputs, FullDiskKeepsTheOldFileAndLeavesNoTemporaryFile) {
  ScratchMount disk("nnmip_full_disk", "256k");
  if (!disk.mounted()) GTEST_SKIP() << disk.skip_reason();
  const std::string net = network();
  // Good outputs first, then fill the disk.
  ASSERT_EQ(run_cli("random-net --inputs 3 --layers 1 --width 4 --outputs 1 --out " + disk.path("n.onnx")).exit_code,
            0);
  ASSERT_EQ(run_cli("maximize --net " + net + " --box -1:1 -q --json " + disk.path("r.json") + " --write-mps " +
                    disk.path("m.mps") + " --write-lp " + disk.path("m.lp"))
                .exit_code,
            0);
  const std::set<std::string> files = {"n.onnx", "r.json", "m.mps", "m.lp", "filler"};
  std::map<std::string, std::string> before;
  for (const std::string& f : files) before[f] = read_bytes(disk.path(f));
  {
    std::ofstream filler(disk.path("filler"), std::ios::binary);
    const std::string block(4096, 'x');
    while (filler.write(block.data(), block.size())) {
    }
  }
  before["filler"] = read_bytes(disk.path("filler"));

  // A larger network, the same JSON and model files: each needs space that is not there.
  expect_error(run_cli("random-net --inputs 30 --layers 2 --width 40 --outputs 1 --out " + disk.path("n.onnx")),
               "No space left on device");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --json " + disk.path("r.json")),
               "No space left on device");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --write-mps " + disk.path("m.mps")),
               "No space left on device");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --write-lp " + disk.path("m.lp")),
               "No space left on device");
  for (const std::string& f : files) EXPECT_EQ(read_bytes(disk.path(f)), before[f]) << f << " changed";
  EXPECT_EQ(other_files(disk.path(""), files), std::vector<std::string>{}) << "temporary files left behind";
}

TEST_F(Outputs, DevFullIsAnErrorForEveryOutput) {
  const std::string net = network();
  expect_error(run_cli("random-net --out /dev/full"), "/dev/full: No space left on device");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --json /dev/full"), "No space left on device");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --write-mps /dev/full"), "No space left on device");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --write-lp /dev/full"), "No space left on device");
}

TEST_F(Outputs, ModelFilesGoToStdoutAndDevNull) {
  const std::string net = network();
  // run_cli reads stdout through a pipe: the writer must not read its output back.
  const CliRun lp = run_cli("maximize --net " + net + " --box -1:1 -q --write-lp /dev/stdout");
  ASSERT_EQ(lp.exit_code, 0) << lp.output;
  EXPECT_NE(lp.output.find("\nMaximize\n"), std::string::npos) << lp.output;
  EXPECT_NE(lp.output.find("\nEnd"), std::string::npos) << lp.output;
  const CliRun mps = run_cli("maximize --net " + net + " --box -1:1 -q --write-mps /dev/stdout");
  ASSERT_EQ(mps.exit_code, 0) << mps.output;
  EXPECT_NE(mps.output.find("\nNAME"), std::string::npos) << mps.output;
  EXPECT_NE(mps.output.find("\nENDATA"), std::string::npos) << mps.output;
  const CliRun json = run_cli("maximize --net " + net + " --box -1:1 -q --json /dev/stdout --write-lp /dev/null");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  EXPECT_NE(json.output.find("\"best_value\""), std::string::npos) << json.output;
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(Outputs, ModelFileThroughASymlinkReplacesItsTarget) {
  const std::string net = network();
  std::ofstream(path("old.lp")) << "old";
  fs::create_symlink(path("old.lp"), path("link.lp"));
  ASSERT_EQ(run_cli("maximize --net " + net + " --box -1:1 -q --write-lp " + path("link.lp")).exit_code, 0);
  EXPECT_TRUE(fs::is_symlink(path("link.lp")));
  EXPECT_NE(read_bytes(path("old.lp")).find("Maximize"), std::string::npos);
}

TEST_F(Outputs, AnOutputOntoAnInputIsRefused) {
  const std::string net = network();
  const std::string original = read_bytes(net);
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --json " + net),
               "--json " + net + " is the same file as --net");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --write-mps " + net), "--write-mps");
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --write-lp " + net), "--write-lp");
  expect_error(run_cli("prune --net " + net + " --rate 0.5 --out " + net),
               "--out " + net + " is the same file as --net");
  expect_error(run_cli("info --net " + net + " --json " + net), "is the same file as --net");
  // Through another name of the same file (a hard link): equivalent, not equal strings.
  fs::create_hard_link(net, path("alias.onnx"));
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --json " + path("alias.onnx")), "--json");
  EXPECT_EQ(read_bytes(net), original);
  // Two outputs onto one file.
  expect_error(run_cli("maximize --net " + net + " --box -1:1 -q --json " + path("x") + " --write-lp " + path("x")),
               "both name");
  EXPECT_FALSE(fs::exists(path("x")));
}

TEST_F(Outputs, MissingFolderIsAClearError) {
  try {
    write_file_atomically(path("no/such/file.json"), "{}");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

// kill -9 while a large file is being replaced: the target is the old or the
// new content, never a mix, and the next write removes the dead writer's
// temporary file. The child rewrites the file with two alternating contents
// until it is killed; the parent kills it as soon as a temporary file exists,
// i.e. in the middle of a write (with in-place writing none ever appears).
TEST_F(Outputs, KillDuringWriteLeavesTheOldOrTheNewFile) {
  const std::string target = path("big.onnx");
  const std::string first(24 << 20, 'a'), second(24 << 20, 'b');
  write_file_atomically(target, first);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    for (int i = 0;; ++i) write_file_atomically(target, i % 2 ? first : second);
  }
  bool seen_temporary = false;
  for (int poll = 0; poll < 600000 && !seen_temporary; ++poll) {
    seen_temporary = !other_files(dir_.string(), {"big.onnx"}).empty();
    if (!seen_temporary) std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  ASSERT_TRUE(seen_temporary) << "no temporary file was ever written beside " << target;
  const std::string after = read_bytes(target);
  EXPECT_TRUE(after == first || after == second) << "partial file of " << after.size() << " bytes";
  // The killed writer's temporary file is gone after the next write of the same file.
  write_file_atomically(target, "new");
  EXPECT_EQ(read_bytes(target), "new");
  EXPECT_EQ(other_files(dir_.string(), {"big.onnx"}), std::vector<std::string>{});
}

// gnuplot renders into a private folder: a gnuplot that fails half-way through
// an image (here a stand-in on PATH that writes a partial PNG where the script
// says and fails) leaves the report's previous images as they were.
TEST_F(Outputs, FailingGnuplotKeepsThePreviousImages) {
  if (!fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "Fashion-MNIST (Debian package dataset-fashion-mnist) not installed";
  const std::string db = path("r.sqlite"), report = path("report");
  ASSERT_EQ(run_cli("experiment run --preset smoke -q --db " + db).exit_code, 0);
  fs::create_directories(report + "/plots");
  const std::string image = report + "/plots/fig2_fashion_mnist.png";
  std::ofstream(image) << "the previous image";
  fs::create_directories(path("bin"));
  {
    std::ofstream fake(path("bin/gnuplot"));
    fake << "#!/bin/sh\n"
            "plot_dir=plots\n"
            "if [ \"$1\" = -e ]; then eval \"$2\"; shift 2; fi\n"
            "name=$(basename \"$1\" .gp)\n"
            "printf partial > \"$plot_dir/$name.png\"\n"
            "exit 1\n";
  }
  fs::permissions(path("bin/gnuplot"), fs::perms::owner_all);
  const CliRun r = run_cli("experiment report --db " + db + " --out " + report, "PATH=" + path("bin") + ":$PATH");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("gnuplot failed"), std::string::npos) << r.output;
  EXPECT_EQ(read_bytes(image), "the previous image");
}
