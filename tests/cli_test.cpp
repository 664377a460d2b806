// Runs the real binary, as a user would, and checks what it writes and how it exits.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace fs = std::filesystem;
using namespace silkgraph::test;

TEST_CASE("cli: --help for the binary and for each subcommand") {
  for (const char* cmd : {"--help", "extract --help", "explain --help"}) {
    INFO(cmd);
    const Run r = run(cmd);
    CHECK(r.status == 0);
    CHECK(contains(r.out, "usage: silkgraph"));
  }
  const Run bad = run("frobnicate");
  CHECK(bad.status == 2);
  CHECK(bad.err == "silkgraph: unknown command \"frobnicate\"; see 'silkgraph --help'\n");
}

TEST_CASE("cli: extract on examples/ writes spec records with evidence and dates") {
  const Run r = run("extract '" + examples() + "'");
  CHECK(r.status == 0);
  CHECK(contains(r.err, "silkgraph extract: 11 documents,"));
  // A record carries every field of spec/relations.md, the document date and the rule.
  CHECK(contains(r.out,
                 "{\"doc\":\"2024-07-dushanbe-xi-state-visit\",\"subject\":\"Xi Jinping\","
                 "\"subject_type\":\"PERSON\",\"relation\":\"AWARDS\",\"object\":\"Emomali Rahmon\","
                 "\"object_type\":\"PERSON\""));
  CHECK(contains(r.out, "\"rule\":\"awards.passive\",\"negated\":false,\"modality\":\"asserted\","
                        "\"date\":\"2024-07-06\""));
  CHECK(contains(r.out, "\"doc\":\"wire-0001\""));
  // Boilerplate lines are not read as prose.
  CHECK_FALSE(contains(r.out, "visa-free"));
  // Deterministic: the same input gives byte-identical output.
  CHECK(run("extract --quiet '" + examples() + "'").out == r.out);
}

TEST_CASE("cli: extract reads stdin, takes --date and --quiet") {
  const Run r = run("extract --quiet --date 2024-05-01 -",
                    "Putin met Kazakh President Kassym-Jomart Tokayev in Sochi on Tuesday.\n");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(contains(r.out, "\"doc\":\"stdin\",\"subject\":\"Vladimir Putin\""));
  CHECK(contains(r.out, "\"offset\":[0,69]"));
  CHECK(contains(r.out, "\"date\":\"2024-05-01\""));
  const Run bad = run("extract --date 2024-13-01 -");
  CHECK(bad.status == 2);
  CHECK(bad.err ==
        "silkgraph extract: --date: expected YYYY-MM-DD, got \"2024-13-01\"; see 'silkgraph "
        "extract --help'\n");
}

TEST_CASE("cli: bad inputs are reported by name and the good ones still processed") {
  TempDir dir;
  dir.write("a-good.txt", "Xi Jinping visited Kazakhstan in September.\n");
  dir.write("b-binary.txt", std::string("\x7f" "ELF\0\0\0\x01\x02", 9) + std::string(200, '\0'));
  dir.write("c-empty.txt", "");
  dir.write("d-latin1.txt", "Putin visited Dushanbe in caf\xe9 season.\n");
  dir.write("e-feed.jsonl",
            "{\"id\": \"n1\", \"text\": \"Putin visited Bishkek.\"}\n"
            "{\"id\": \"n2\", \"text\": \"broken\n"
            "{\"id\": \"n3\", \"text\": \"Japarov visited Ankara.\"}\n");
  const Run r = run("extract '" + dir.path.string() + "'");
  CHECK(r.status == 3);  // done, but something was skipped
  const std::string d = dir.path.string();
  CHECK(contains(r.err, d + "/b-binary.txt: binary file; skipped"));
  CHECK(contains(r.err, d + "/c-empty.txt: empty file; skipped"));
  CHECK(contains(r.err, d + "/d-latin1.txt:1: invalid UTF-8 (1 byte replaced by '?')"));
  CHECK(contains(r.err, d + "/e-feed.jsonl:2:"));
  CHECK(contains(r.err, "malformed JSON"));
  CHECK(contains(r.err, "3 inputs skipped"));  // two files and one record
  CHECK(contains(r.out, "\"subject\":\"Xi Jinping\",\"subject_type\":\"PERSON\",\"relation\":\"VISITS\""));
  CHECK(contains(r.out, "\"object\":\"Dushanbe\""));
  CHECK(contains(r.out, "\"doc\":\"n1\""));
  CHECK(contains(r.out, "\"doc\":\"n3\""));
}

TEST_CASE("cli: extract and build give the same bytes and messages for any --threads") {
  // Enough documents for many batches, with bad records spread among them.
  TempDir dir;
  const char* sentences[] = {"Xi Jinping met Kassym-Jomart Tokayev in Astana on Tuesday.",
                             "Russia signed a gas deal with Uzbekistan.",
                             "China did not lend Kyrgyzstan any money.",
                             "Putin visited Dushanbe and Bishkek last week."};
  std::string feed;
  for (int i = 0; i < 1500; ++i) {
    if (i % 97 == 5) feed += "{\"id\": \"bad" + std::to_string(i) + "\", \"text\": \n";
    feed += "{\"id\": \"d" + std::to_string(i) + "\", \"date\": \"2024-0" +
            std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "\", \"text\": \"" +
            sentences[i % 4] + " " + sentences[(i / 4) % 4] + "\"}\n";
  }
  const std::string input = dir.write("feed.jsonl", feed).string();
  const Run one = run("extract --threads 1 '" + input + "'");
  CHECK(one.status == 3);
  CHECK(contains(one.err, "16 inputs skipped"));
  CHECK(contains(one.out, "\"doc\":\"d1499\""));
  const std::string graph1 = (dir.path / "g1.json").string();
  REQUIRE(run("build --quiet --threads 1 '" + input + "' -o '" + graph1 + "'").status == 3);
  for (const char* threads : {"2", "3", "8"}) {
    INFO("--threads " << threads);
    const Run many = run(std::string("extract --threads ") + threads + " '" + input + "'");
    CHECK(many.status == one.status);
    CHECK(many.out == one.out);
    // The same messages in the same order; only the timing on the summary line differs.
    CHECK(many.err.substr(0, many.err.rfind(" in ")) == one.err.substr(0, one.err.rfind(" in ")));
    const std::string graph = (dir.path / (std::string("g") + threads + ".json")).string();
    CHECK(run(std::string("build --quiet --threads ") + threads + " '" + input + "' -o '" + graph +
              "'")
              .status == 3);
    CHECK(slurp(graph) == slurp(graph1));
  }
}

TEST_CASE("cli: a 50 MB single-line file is read in full") {
  TempDir dir;
  std::string line;
  line.reserve(50u << 20);
  const std::string sentence = "Putin met Tokayev in Astana and talks went on ";
  while (line.size() < (50u << 20)) line += sentence;
  line += "until Xi visited Kazakhstan.\n";
  dir.write("huge.txt", line);
  const Run r = run("extract '" + (dir.path / "huge.txt").string() + "'");
  CHECK(r.status == 0);
  CHECK(contains(r.err, "1 document,"));
  CHECK(contains(r.err, "52.4 MB in"));
}

TEST_CASE("cli: a bad rule file stops the run with file, line and column") {
  TempDir dir;
  const fs::path rules = dir.write("bad.json", "{\n  \"rules\": [\n    {\"id\": \"x\" \"relation\": 1}\n  ]\n}\n");
  const Run r = run("extract --rules '" + rules.string() + "' -", "Putin met Tokayev.\n");
  CHECK(r.status == 1);
  CHECK(r.err == rules.string() +
                     ":3:16: malformed JSON (Missing a comma or '}' after an object member.); "
                     "fix the rule file\n");
  CHECK(r.out.empty());
}

TEST_CASE("cli: -o writes atomically and reports an unwritable path") {
  TempDir dir;
  const fs::path out = dir.path / "rel.jsonl";
  const Run ok = run("extract --quiet -o '" + out.string() + "' -", "Putin met Tokayev.\n");
  CHECK(ok.status == 0);
  CHECK(contains(slurp(out), "\"relation\":\"MEETS\""));
  const Run bad = run("extract --quiet -o '" + (dir.path / "missing" / "x.jsonl").string() + "' -",
                      "Putin met Tokayev.\n");
  CHECK(bad.status == 1);
  CHECK(contains(bad.err, "cannot create file"));
}

TEST_CASE("cli: explain shows tokens, mentions, rules and relations") {
  const Run r = run("explain \"Kazakh President Kassym-Jomart Tokayev met Putin.\"");
  CHECK(r.status == 0);
  CHECK(contains(r.out, "\"Kazakh\" tokens 0-0 -> Kazakhstan (COUNTRY, adjective)"));
  CHECK(contains(r.out, "fired   leader.title (LEADER_OF)"));
  CHECK(contains(r.out, "Kassym-Jomart Tokayev -MEETS-> Vladimir Putin"));
}
