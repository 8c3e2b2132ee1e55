// caseaudit-link-speed: linking N case files to N platform entries
// (link_records) for N = 10,000 ... 200,000, against a named baseline run in
// the same process: "baseline: exact-文号 hash join only" (an unordered_map
// join on number_key over the same records).
//   caseaudit-link-speed [--max N] [--seed S] [--show-wrong K]
// The populations are synthetic but shaped like real ones: ~120 units with
// their own 文号 prefixes, 2019-2024, companies and persons from word lists,
// 文号 on the case files in varied bracket styles, full-width digits and
// padding; ~5% of the files carry an OCR-like slip in the 文号 or the party
// name, ~1% have no readable 文号, ~2% a platform date typo; ~5% of the files
// have no entry and ~3% of the entries no file. Each N runs in a child
// process so its peak memory (VmHWM) is its own. Since the truth is known,
// wrong links are counted too. A second table removes every 文号 from the
// case files, so all pairs go through blocking and scoring.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "caseaudit/audit/link.h"

using namespace caseaudit;
using namespace caseaudit::audit;

namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 2862933555777941757ULL + 3037000493ULL) {}
  std::uint64_t next() {
    s_ ^= s_ << 13, s_ ^= s_ >> 7, s_ ^= s_ << 17;
    return s_;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(double p) { return static_cast<double>(next() % 1000000) < p * 1e6; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  std::uint64_t s_;
};

const char* const kCounties[][2] = {{"宛城区", "宛"}, {"卧龙区", "卧"}, {"南召县", "召"}, {"方城县", "方"}, {"西峡县", "西"},
                                    {"镇平县", "镇"}, {"内乡县", "内"}, {"淅川县", "淅"}, {"社旗县", "社"}, {"唐河县", "唐"},
                                    {"新野县", "新"}, {"桐柏县", "桐"}};
const char* const kBureaus[][2] = {{"市场监督管理局", "市监处罚"}, {"生态环境分局", "环罚"}, {"税务局", "税罚"},
                                   {"农业农村局", "农罚"}, {"林业局", "林罚"}, {"文化广电和旅游局", "文旅罚"},
                                   {"交通运输局", "交罚"}, {"应急管理局", "应急罚"}, {"卫生健康委员会", "卫罚"},
                                   {"自然资源局", "自然资罚"}};
const char* const kBrand[] = {"鑫", "隆", "盛", "华", "兴", "达", "源", "丰", "泰", "顺", "恒", "福", "瑞", "祥", "宏",
                              "昌", "金", "利", "美", "佳", "康", "宇", "诚", "信", "博", "通", "汇", "安", "嘉", "万",
                              "森", "林", "晨", "光", "明", "天", "润", "和", "正", "德", "豫", "宛", "中", "新", "佳"};
const char* const kTrade[] = {"商贸", "餐饮", "建材", "五金", "大药房", "超市", "物流", "农资", "汽车维修", "食品",
                              "服装", "家电", "烟酒", "粮油", "化工", "印务", "装饰", "电子", "养殖", "酒业"};
const char* const kForm[] = {"有限公司", "有限责任公司", "经营部", "店", "商行", "合作社"};
const char* const kSurname[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡",
                                "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
                              "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "建", "国", "红", "文",
                              "志", "海", "春", "飞", "鹏", "辉", "宇", "浩", "凯", "琳"};
// Characters OCR misreads for others of similar shape (a slip replaces one with the next).
const char* const kLookalike[] = {"鑫", "鑫", "盛", "威", "华", "毕", "源", "原", "泰", "秦", "商", "啇", "贸", "资",
                                  "有", "省", "限", "很", "公", "仑", "司", "同", "王", "玉", "李", "季", "张", "弦"};

struct Case {
  int unit = 0, year = 0, serial = 0;
  std::string party;
  forms::Date filed, decided;
  std::int64_t amount = 0, fine = 0;
  Category category = Category::Penalty;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}
forms::Date add_days(forms::Date d, int n) {
  for (; n > 0; --n)
    if (++d.day > days_in(d.year, d.month)) d.day = 1, d.month == 12 ? (d.month = 1, ++d.year) : ++d.month;
  return d;
}

std::string unit_name(int u) {
  return std::string("南阳市") + kCounties[u % 12][0] + kBureaus[u / 12][0];
}
std::string unit_prefix(int u) { return std::string(kCounties[u % 12][1]) + kBureaus[u / 12][1]; }

std::string party_name(Rng& rng, int unit) {
  if (rng.chance(0.35)) {
    std::string p = rng.pick(kSurname);
    p += rng.pick(kGiven);
    if (rng.chance(0.6)) p += rng.pick(kGiven);
    return p;
  }
  std::string p = rng.chance(0.5) ? std::string("南阳市") + kCounties[unit % 12][0] : std::string(kCounties[unit % 12][0]);
  p += rng.pick(kBrand);
  p += rng.pick(kBrand);
  p += rng.pick(kTrade);
  p += rng.pick(kForm);
  return p;
}

std::string full_width_digits(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += std::string("\xEF\xBC") + static_cast<char>(0x90 + (c - '0'));
    else out += c;
  }
  return out;
}

// The 文号 as the case file prints it (and as OCR reads it): one of several bracket styles.
std::string file_number(Rng& rng, const Case& c) {
  const std::string prefix = unit_prefix(c.unit);
  const std::string year = std::to_string(c.year), serial = std::to_string(c.serial);
  switch (rng.below(6)) {
    case 0: return prefix + "〔" + year + "〕" + serial + "号";
    case 1: return prefix + "[" + year + "]" + serial + "号";
    case 2: return prefix + "(" + year + ")" + serial + "号";
    case 3: return prefix + "（" + full_width_digits(year) + "）第" + full_width_digits(serial) + "号";
    case 4: return prefix + "【" + year + "】" + std::string(serial.size() < 4 ? 4 - serial.size() : 0, '0') + serial + "号";
    default: return prefix + "﹝" + year + "﹞" + serial + "号";
  }
}

// An OCR-like slip in a 文号: a confusable digit, a bracket read as C, or a prefix character lost.
std::string slip_number(Rng& rng, const Case& c) {
  const std::string prefix = unit_prefix(c.unit), year = std::to_string(c.year);
  std::string serial = std::to_string(c.serial);
  switch (rng.below(3)) {
    case 0: {
      static const char swap[] = {'8', '7', '7', '8', '9', '6', '8', '1', '3', '0'};
      const std::size_t i = rng.below(serial.size());
      serial[i] = swap[serial[i] - '0'];
      if (serial[0] == '0') serial[0] = '8';
      return prefix + "〔" + year + "〕" + serial + "号";
    }
    case 1: return prefix + "C" + year + "〕" + serial + "号";
    default: return prefix.substr(3) + "〔" + year + "〕" + serial + "号";  // first character lost
  }
}

std::string slip_party(Rng& rng, const std::string& party) {
  // Replace a character that has a look-alike (the pairs tried from a random one on), else the last character.
  const std::size_t pairs = std::size(kLookalike) / 2, first = rng.below(pairs);
  for (std::size_t step = 0; step < pairs; ++step) {
    const std::size_t k = 2 * ((first + step) % pairs);
    const std::size_t at = party.find(kLookalike[k]);
    if (at != std::string::npos && std::strcmp(kLookalike[k], kLookalike[k + 1]) != 0)
      return party.substr(0, at) + kLookalike[k + 1] + party.substr(at + std::strlen(kLookalike[k]));
  }
  return party.substr(0, party.size() - 3) + "某";
}

CaseRecord base_record(const Case& c) {
  CaseRecord r;
  r.unit = unit_name(c.unit);
  r.category = c.category;
  r.filed = c.filed;
  r.decided = c.decided;
  r.case_amount = c.amount;
  r.fine = c.fine;
  return r;
}

struct Population {
  std::vector<CaseRecord> files, entries;
  std::vector<std::int64_t> file_case, entry_case;  // which case each record is (truth)
};

Population generate(std::size_t n, std::uint64_t seed, bool strip_file_numbers) {
  Rng rng(seed);
  Population p;
  p.files.reserve(n);
  p.entries.reserve(n);
  std::vector<int> counters(120 * 6, 0);
  for (std::int64_t id = 0; p.files.size() < n || p.entries.size() < n; ++id) {
    Case c;
    c.unit = static_cast<int>(rng.below(120));
    c.year = 2019 + static_cast<int>(rng.below(6));
    c.serial = ++counters[static_cast<std::size_t>(c.unit * 6 + (c.year - 2019))];
    c.party = party_name(rng, c.unit);
    c.filed = add_days({c.year, 1, 1}, static_cast<int>(rng.below(360)));
    c.decided = add_days(c.filed, 10 + static_cast<int>(rng.below(70)));
    static const std::int64_t round[] = {500, 1000, 2000, 3000, 5000, 10000, 20000, 50000};
    c.amount = rng.chance(0.4) ? round[rng.below(8)] * 100 : static_cast<std::int64_t>(100 + rng.below(200000)) * 100;
    c.fine = c.amount / (1 + static_cast<std::int64_t>(rng.below(4)));
    c.category = rng.chance(0.05) ? Category::Transfer : Category::Penalty;

    const double r = static_cast<double>(rng.below(1000)) / 1000.0;
    const bool has_file = r >= 0.03, has_entry = r < 0.03 || r >= 0.08;  // 3% entry only, 5% file only
    if (has_entry && p.entries.size() < n) {
      CaseRecord e = base_record(c);
      e.number = unit_prefix(c.unit) + "〔" + std::to_string(c.year) + "〕" + std::to_string(c.serial) + "号";
      e.party = c.party;
      if (rng.chance(0.02)) e.filed = add_days(c.filed, 1 + static_cast<int>(rng.below(5)));  // platform typo
      p.entries.push_back(std::move(e));
      p.entry_case.push_back(id);
    }
    if (has_file && p.files.size() < n) {
      CaseRecord f = base_record(c);
      f.party = c.party;
      const double slip = static_cast<double>(rng.below(1000)) / 1000.0;
      if (slip < 0.025) f.number = slip_number(rng, c);
      else f.number = file_number(rng, c);
      if (slip >= 0.025 && slip < 0.05) f.party = slip_party(rng, c.party);
      if (slip >= 0.05 && slip < 0.06) f.number.clear();  // not readable at all
      if (strip_file_numbers) f.number.clear();
      p.files.push_back(std::move(f));
      p.file_case.push_back(id);
    }
  }
  // What the importers and forms do before linking.
  for (auto* side : {&p.files, &p.entries})
    for (CaseRecord& r : *side) {
      r.number_key = doc_number_key(r.number);
      r.party_key = party_key(r.party);
    }
  return p;
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

std::size_t show_wrong = 0;  // --show-wrong K: print the first K wrong links of each run to stderr

long peak_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

struct Row {
  double seconds = 0, baseline = 0, cpu = 0, base_cpu = 0;  // wall and CPU (this process) seconds
  std::size_t files = 0, entries = 0, links = 0, by_number = 0, wrong = 0, ambiguous = 0, files_unlinked = 0,
              entries_unlinked = 0, base_links = 0, truth = 0;
  long rss_before_kb = 0, rss_kb = 0;
};

Row measure(std::size_t n, std::uint64_t seed, bool strip) {
  Row row;
  const Population p = generate(n, seed, strip);
  row.files = p.files.size();
  row.entries = p.entries.size();
  row.rss_before_kb = peak_rss_kb();
  {
    std::unordered_map<std::int64_t, int> seen;
    for (std::int64_t id : p.entry_case) seen[id] = 1;
    for (std::int64_t id : p.file_case) row.truth += seen.count(id);
  }

  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  const Linking l = link_records(p.files, p.entries);
  row.cpu = cpu_seconds() - c0;
  row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  row.links = l.links.size();
  for (const Link& k : l.links) {
    row.by_number += k.by_number ? 1 : 0;
    if (p.file_case[k.file] == p.entry_case[k.entry]) continue;
    if (row.wrong++ < show_wrong)
      std::fprintf(stderr, "wrong link: file %s %s -> entry %s %s: %s\n", p.files[k.file].number.c_str(),
                   p.files[k.file].party.c_str(), p.entries[k.entry].number.c_str(), p.entries[k.entry].party.c_str(),
                   k.explain().c_str());
  }
  row.ambiguous = l.ambiguous.size();
  row.files_unlinked = l.files_unlinked.size();
  row.entries_unlinked = l.entries_unlinked.size();

  const auto t1 = std::chrono::steady_clock::now();
  const double c1 = cpu_seconds();
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(p.entries.size());
  for (std::size_t i = 0; i < p.entries.size(); ++i)
    if (!p.entries[i].number_key.empty()) index.emplace(p.entries[i].number_key, i);
  std::vector<std::pair<std::size_t, std::size_t>> joined;
  for (std::size_t i = 0; i < p.files.size(); ++i)
    if (auto it = index.find(p.files[i].number_key); it != index.end()) joined.emplace_back(i, it->second);
  row.baseline = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  row.base_cpu = cpu_seconds() - c1;
  row.base_links = joined.size();
  row.rss_kb = peak_rss_kb();
  return row;
}

// Runs one N in a child process and prints its row.
bool run_child(std::size_t n, std::uint64_t seed, bool strip) {
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    const Row r = measure(n, seed, strip);
    std::printf("%8zu %8zu %8.2f %8.2f %8.3f %8.3f %7.1f %8.2f %8zu %8zu %6zu %6zu %6zu %6zu %8zu %8zu %8.0f %8.0f\n",
                r.files, r.entries, r.seconds, r.cpu, r.baseline, r.base_cpu, r.cpu / r.base_cpu,
                1e6 * r.cpu / static_cast<double>(r.files), r.links,
                r.by_number, r.wrong, r.ambiguous, r.files_unlinked, r.entries_unlinked, r.base_links, r.truth,
                static_cast<double>(r.rss_before_kb) / 1024.0, static_cast<double>(r.rss_kb) / 1024.0);
    std::fflush(stdout);
    _exit(r.cpu < 20.0 && r.rss_kb < 2L * 1024 * 1024 ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void header(const char* title) {
  std::printf("\n%s\n", title);
  std::printf("%8s %8s %8s %8s %8s %8s %7s %8s %8s %8s %6s %6s %6s %6s %8s %8s %8s %8s\n", "files", "entries",
              "link s", "link cpu", "base s", "base cpu", "ratio", "us/file", "links", "by_num", "wrong", "ambig", "f_left", "e_left", "base_lk", "truth",
              "RSS0 MB", "peak MB");
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t max_n = 200000;
  std::uint64_t seed = 20231;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--max" && i + 1 < argc) max_n = std::stoul(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
    else if (a == "--show-wrong" && i + 1 < argc) show_wrong = std::stoul(argv[++i]);
    else {
      std::fprintf(stderr, "usage: caseaudit-link-speed [--max N] [--seed S] [--show-wrong K]\n");
      return 2;
    }
  }
  std::printf("link_records(files, entries) against \"baseline: exact-文号 hash join only\" (unordered_map on number_key)\n");
  std::printf("link s / base s: wall seconds; link cpu / base cpu: CPU seconds of the process (the machine is shared);\n"
              "ratio = link cpu / base cpu; us/file = link cpu per file\n");
  std::printf("links = one-to-one links made; wrong = links to another case than the truth; truth = files that have an entry;\n");
  std::printf("f_left / e_left = files without entry / entries without file; RSS0 = peak after generating the records; bar: "
              "200k x 200k < 20 s, peak < 2 GB\n");
  bool ok = true;
  const std::size_t sizes[] = {10000, 20000, 50000, 100000, 200000};
  header("files with 文号 (as read, ~5% with an OCR slip):");
  for (std::size_t n : sizes)
    if (n <= max_n) ok = run_child(n, seed, false) && ok;
  header("worst case: no 文号 read on any file (every pair blocked and scored):");
  for (std::size_t n : sizes)
    if (n <= max_n) ok = run_child(n, seed, true) && ok;
  return ok ? 0 : 1;
}
