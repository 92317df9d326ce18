/* Words: iproute2's prefix matching, verb tables, batch line splitting. */
#include "../../args/args.h"
#include "../../args/wordpool.h"
#include "../../cmd/ipbox.h"
#include "../../names/names.h"
#include "unit.h"

static int run_a(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return 1;
}

static int run_b(struct ipbox *ib, int argc, char **argv)
{
	(void)ib, (void)argc, (void)argv;
	return 2;
}

static void test_matches(void)
{
	CHECK(matches("a", "address"));
	CHECK(matches("address", "address"));
	CHECK(!matches("addresss", "address"));
	CHECK(!matches("", "address"));
	CHECK(!matches("b", "address"));
}

static void test_first_match_wins(void)
{
	static const struct verb table[] = {
		{ "add", run_a }, { "attach", run_b }, { NULL, NULL },
	};

	CHECK(verb_find(table, "a")->run == run_a);
	CHECK(verb_find(table, "at")->run == run_b);
	CHECK(verb_find(table, "x") == NULL);
	CHECK(verb_find(table, "") == NULL);
}

static void test_keyword_table(void)
{
	/* route's selector words: "tos" whole only, then "dsfield" by prefix;
	 * the words in a pool as tools/wordpack writes it (args/wordpool.h) */
	static const char words_pool[] = "table\0tos\0to\0dev";
	static const struct row { word_off word; bool exact; int id; } table[] = {
		{ 0, false, 1 }, { 6, true, 2 }, { 10, false, 3 }, { 13, true, 4 },
	};

	CHECK(KEYWORD_FIND(table, "t")->id == 1);
	CHECK(KEYWORD_FIND(table, "tos")->id == 2);
	CHECK(KEYWORD_FIND(table, "to")->id == 3);
	CHECK(KEYWORD_FIND(table, "dev")->id == 4);
	CHECK(KEYWORD_FIND(table, "de") == NULL);
	CHECK(KEYWORD_FIND(table, "") == NULL);
	CHECK(keyword_is("-4", "-4", true) && !keyword_is("-", "-4", true));
	CHECK(keyword_is("-f", "-family", false));
}

static void test_numbers(void)
{
	uint32_t u;
	int32_t i;

	CHECK(arg_u32("4294967295", &u, 0) == 0 && u == 4294967295u);
	CHECK(arg_u32("4294967296", &u, 0) < 0);
	CHECK(arg_u32("-1", &u, 0) < 0);
	CHECK(arg_u32("0x10", &u, 0) == 0 && u == 16);
	CHECK(arg_u32("12abc", &u, 0) < 0);
	CHECK(arg_u32("", &u, 0) < 0);
	CHECK(arg_i32("-5", &i, 0) == 0 && i == -5);
	CHECK(arg_i32("2147483648", &i, 0) < 0);
}

static void test_batch_split(void)
{
	char line[] = "  netns  exec 'a b' \"c\" d\t\n";
	char *argv[8];

	CHECK(batch_split(line, strlen(line), argv, 8) == 5);
	CHECK_STR(argv[0], "netns");
	CHECK_STR(argv[2], "a b");
	CHECK_STR(argv[3], "c");
	CHECK_STR(argv[4], "d");
	CHECK(argv[5] == NULL);

	char open_quote[] = "netns add 'x";
	CHECK(batch_split(open_quote, strlen(open_quote), argv, 8) == BATCH_UNTERMINATED);

	char many[] = "a b c d e f g h i";
	CHECK(batch_split(many, strlen(many), argv, 8) == BATCH_TOO_MANY);

	char blank[] = " \t \n";
	CHECK(batch_split(blank, strlen(blank), argv, 8) == 0);

	/* words read eight bytes at a time: a control byte that is no
	 * blank stays in its word, bytes above 0x7f too, at any offset */
	char long_words[] = "lladdr\x01x 02:00:00:00:00:01\tdev\r\xc3\xa9t\x1f\xff" "0123456789 v0";
	CHECK(batch_split(long_words, strlen(long_words), argv, 8) == 5);
	CHECK_STR(argv[0], "lladdr\x01x");
	CHECK_STR(argv[1], "02:00:00:00:00:01");
	CHECK_STR(argv[2], "dev");
	CHECK_STR(argv[3], "\xc3\xa9t\x1f\xff" "0123456789");
	CHECK_STR(argv[4], "v0");
}

static void test_names_builtin_and_numbers(void)
{
	char buf[16];
	uint32_t id;

	CHECK_STR(names_to_str(&names_scopes, 253, buf, sizeof(buf)), "link");
	CHECK_STR(names_to_str(&names_tables, 254, buf, sizeof(buf)), "main");
	CHECK_STR(names_to_str(&names_protos, 4242, buf, sizeof(buf)), "4242");
	CHECK(names_to_id(&names_tables, "local", &id) == 0 && id == 255);
	CHECK(names_to_id(&names_tables, "0x10", &id) == 0 && id == 16);
	CHECK(names_to_id(&names_tables, "no-such-table", &id) < 0);
	CHECK(names_to_id(&names_tables, "-1", &id) < 0);
}

int main(void)
{
	RUN(test_matches);
	RUN(test_first_match_wins);
	RUN(test_keyword_table);
	RUN(test_numbers);
	RUN(test_batch_split);
	RUN(test_names_builtin_and_numbers);
	return unit_done();
}
