// Data tables: CSV parsing, headers, column typing, lookups, errors.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_util.h"
#include "yaral/data_tables.h"

namespace yaral {
namespace {

using ast::ListKind;
using testing::Where;

TEST_CASE("CSV: quotes, doubled quotes, commas and line ends inside quotes, CRLF") {
  DataTableSet set;
  auto d = set.AddCsv("t", "t.csv",
                      "name,comment\r\n"
                      "\"Smith, J\",\"said \"\"hi\"\"\"\r\n"
                      "\r\n"
                      "plain,\"two\nlines\"\r\n"
                      "empty,\n"
                      "last,\"\"");
  CHECK(d.empty());
  const DataTable* t = set.Find("t");
  REQUIRE(t != nullptr);
  REQUIRE(t->rows().size() == 4);
  CHECK(t->rows()[0] == std::vector<std::string>{"Smith, J", "said \"hi\""});
  CHECK(t->rows()[1] == std::vector<std::string>{"plain", "two\nlines"});
  CHECK(t->rows()[2] == std::vector<std::string>{"empty", ""});
  CHECK(t->rows()[3] == std::vector<std::string>{"last", ""});
  CHECK(t->source()->Locate(t->RowSpan(1).begin).line == 4);
}

TEST_CASE("malformed CSV rows are errors with their line, and skipped") {
  DataTableSet set;
  auto d = set.AddCsv("t", "t.csv",
                      "a,b\n"
                      "1,2\n"
                      "x\"y,3\n"        // quote in an unquoted field
                      "\"q\"z,4\n"      // text after a closing quote
                      "5,6,7\n"        // too many fields
                      "8,9\n"
                      "\"open,10\n");  // unterminated
  CHECK(Where(d) ==
        std::vector<std::string>{"3:2 E710", "4:4 E710", "5:1 E710", "7:1 E710"});
  const DataTable* t = set.Find("t");
  REQUIRE(t != nullptr);
  CHECK(t->rows().size() == 2);
  CHECK(t->rows()[1] == std::vector<std::string>{"8", "9"});
}

TEST_CASE("column types are inferred: int, float, else string") {
  DataTableSet set;
  auto d = set.AddCsv("t", "t.csv",
                      "port,score,host,blank\n"
                      "443,0.5,a.example,\n"
                      "080,2,b.example,\n"
                      ",1e3,3,\n");
  CHECK(d.empty());
  const DataTable& t = *set.Find("t");
  CHECK(t.columns()[0].type == ColumnType::kInt);
  CHECK(t.columns()[1].type == ColumnType::kFloat);
  CHECK(t.columns()[2].type == ColumnType::kString);
  CHECK(t.columns()[3].type == ColumnType::kString);  // no values at all
  CHECK_FALSE(t.columns()[0].declared);
  CHECK(t.IntCell(1, 0) == 80);
  CHECK_FALSE(t.IntCell(2, 0).has_value());
  CHECK(t.FloatCell(2, 1) == 1000.0);
  // Numeric columns compare as numbers.
  CHECK(t.ColumnContains("port", "80", ListKind::kString));
  CHECK(t.ColumnContains("port", "0443", ListKind::kString));
  CHECK_FALSE(t.ColumnContains("port", "22", ListKind::kString));
  CHECK_FALSE(t.ColumnContains("port", "http", ListKind::kString));
  CHECK(t.ColumnContains("score", "1000", ListKind::kString));
  CHECK(t.ColumnContains("score", "2.0", ListKind::kString));
  CHECK(t.ColumnContains("score", "0.50", ListKind::kString));
  CHECK(t.ColumnContains("host", "A.EXAMPLE", ListKind::kString, true));
  CHECK_FALSE(t.ColumnContains("host", "A.EXAMPLE", ListKind::kString));
  CHECK(t.ColumnContains("host", "xb.example", ListKind::kRegex));  // `in regex %t.host`
  CHECK_FALSE(t.ColumnContains("nope", "x", ListKind::kString));
  CHECK(t.ColumnIndex("host") == 2u);
  CHECK_FALSE(t.ColumnIndex("Host").has_value());
}

TEST_CASE("declared column types: regex and cidr columns match as their kind") {
  DataTableSet set;
  auto d = set.AddCsv("t", "t.csv",
                      "pattern:regex,net:cidr,id:string,n:int\n"
                      "^srv-[0-9]+$,10.0.0.0/8,007,1\n"
                      "admin,2001:db8::/32,8,2\n");
  CHECK(d.empty());
  const DataTable& t = *set.Find("t");
  CHECK(t.columns()[0].declared);
  CHECK(t.columns()[2].type == ColumnType::kString);  // declared: not inferred as int
  CHECK(t.ColumnContains("pattern", "srv-12", ListKind::kString));  // keyword optional
  CHECK(t.ColumnContains("pattern", "SRV-12", ListKind::kRegex, true));
  CHECK(t.ColumnContains("pattern", "sysadmin", ListKind::kRegex));
  CHECK(t.ColumnContains("net", "10.1.1.1", ListKind::kString));
  CHECK(t.ColumnContains("net", "2001:db8::5", ListKind::kCidr));
  CHECK_FALSE(t.ColumnContains("net", "11.1.1.1", ListKind::kCidr));
  CHECK(t.ColumnContains("id", "007", ListKind::kString));
  CHECK_FALSE(t.ColumnContains("id", "7", ListKind::kString));
  CHECK(set.ColumnContains("t", "n", "2", ListKind::kString));
}

TEST_CASE("cells that do not fit a declared type are errors with line:col") {
  DataTableSet set;
  auto d = set.AddCsv("t", "t.csv",
                      "n:int,f:float,r:regex,c:cidr\n"
                      "1,1.5,ok,10.0.0.0/8\n"
                      "x,nan,(bad,10.0.0.0/40\n");
  CHECK(Where(d) ==
        std::vector<std::string>{"3:1 E712", "3:3 E712", "3:7 E305", "3:12 E311"});
  // The table still loads; the bad cells are text that matches nothing.
  const DataTable& t = *set.Find("t");
  CHECK(t.rows().size() == 2);
  CHECK(t.ColumnContains("r", "ok", ListKind::kRegex));
  CHECK_FALSE(t.ColumnContains("n", "x", ListKind::kString));
}

TEST_CASE("header errors: a table needs a header row of column names") {
  DataTableSet set;
  // The corpus's header-less file shape.
  auto data = set.AddCsv("top", "top.csv", "1,google.com\n2,microsoft.com\n");
  CHECK(Where(data) == std::vector<std::string>{"1:1 E711", "1:3 E711"});
  CHECK(set.Find("top") == nullptr);
  CHECK(Where(set.AddCsv("e", "e.csv", "")) == std::vector<std::string>{"1:1 E711"});
  CHECK(Where(set.AddCsv("d", "d.csv", "a,b,a\n")) == std::vector<std::string>{"1:5 E711"});
  CHECK(Where(set.AddCsv("y", "y.csv", "a:ipv4\n")) == std::vector<std::string>{"1:1 E711"});
}

TEST_CASE("columns given by the caller for a header-less file") {
  DataTableSet set;
  DataTableOptions options;
  options.columns = {"rank:int", "domain"};
  auto d = set.AddCsv("top", "top.csv", "1,google.com\n2,microsoft.com\n", options);
  CHECK(d.empty());
  const DataTable& t = *set.Find("top");
  CHECK(t.rows().size() == 2);
  CHECK(t.ColumnContains("domain", "microsoft.com", ListKind::kString));
  CHECK(t.ColumnContains("rank", "1", ListKind::kString));
}

TEST_CASE("column type names") {
  CHECK(ColumnTypeName(ColumnType::kFloat) == "float");
  CHECK(ParseColumnType("CIDR") == ColumnType::kCidr);
  CHECK_FALSE(ParseColumnType("number").has_value());
}

}  // namespace
}  // namespace yaral
