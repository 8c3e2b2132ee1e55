// caseaudit-cer: character error rate of recognised text files against truth
// files, for the benchmark scripts.
//   caseaudit-cer RECOGNISED TRUTH [RECOGNISED TRUTH ...]
// Prints one line per pair ("<errors> <truth chars> <strict CER> <NFKC CER> <name>")
// and a last line "total <strict CER> <NFKC CER>" over all pairs (errors summed,
// then divided by the summed truth length). A missing recognised file counts
// as empty output (every truth character wrong).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "eval/cer.h"

namespace {
std::string slurp(const char* path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (argc - 1) % 2 != 0) {
    std::fputs("usage: caseaudit-cer RECOGNISED TRUTH [RECOGNISED TRUTH ...]\n", stderr);
    return 2;
  }
  using caseaudit::eval::char_errors;
  std::size_t strict_e = 0, nfkc_e = 0, strict_n = 0, nfkc_n = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    bool ok_r = false, ok_t = false;
    const std::string rec = slurp(argv[i], &ok_r);
    const std::string truth = slurp(argv[i + 1], &ok_t);
    if (!ok_t) {
      std::fprintf(stderr, "caseaudit-cer: cannot read truth %s\n", argv[i + 1]);
      return 2;
    }
    std::size_t n1 = 0, n2 = 0;
    const std::size_t e1 = char_errors(rec, truth, {false}, &n1);
    const std::size_t e2 = char_errors(rec, truth, {true}, &n2);
    strict_e += e1;
    strict_n += n1;
    nfkc_e += e2;
    nfkc_n += n2;
    std::printf("%zu %zu %.4f %.4f %s\n", e1, n1, n1 ? double(e1) / double(n1) : 0.0, n2 ? double(e2) / double(n2) : 0.0,
                argv[i + 1]);
  }
  std::printf("total %.4f %.4f\n", strict_n ? double(strict_e) / double(strict_n) : 0.0,
              nfkc_n ? double(nfkc_e) / double(nfkc_n) : 0.0);
  return 0;
}
