// Tests config/secrets.cc: which options are secrets, masking them, and redacting driver messages.
#include "config/secrets.h"

#include <gtest/gtest.h>

namespace retort {
namespace {

TEST(IsSecretOption, KnowsEachDriversNamesInAnyCase) {
  for (const char* key : {"password", "PASSWORD", "Password", "sslpassword", "PWD", "Pwd", "passwd", "key", "hexkey",
                          "rekey", "ssl_passphrase", "client_secret", "access_token", "password1"})
    EXPECT_TRUE(is_secret_option(key)) << key;
  for (const char* key : {"sslmode", "sslkey", "sslcert", "passfile", "port", "user", "UID", "timeout", "charset",
                          "connect_timeout", "odbc_connect", "driver", "dsn", "keepalives", "cipher", "kdf_iter"})
    EXPECT_FALSE(is_secret_option(key)) << key;
}

TEST(MaskedOptionValue, MasksSecretsAndKeepsEverythingElse) {
  EXPECT_EQ(masked_option_value("password", "s3cret"), "***");
  EXPECT_EQ(masked_option_value("SSLPassword", "s3cret"), "***");
  EXPECT_EQ(masked_option_value("sslmode", "require"), "require");
  // Nothing to hide: an empty value stays empty, as an empty user:password part shows no ":***".
  EXPECT_EQ(masked_option_value("password", ""), "");
}

TEST(MaskedOptionValue, MasksTheSecretAttributesOfAnOdbcConnectionString) {
  EXPECT_EQ(masked_option_value("odbc_connect", "DRIVER={MariaDB Unicode};SERVER=db;UID=app;PWD=s3cret;OPTION=3"),
            "DRIVER={MariaDB Unicode};SERVER=db;UID=app;PWD=***;OPTION=3");
  // Keys in any case, spaces around them, a braced value holding ';' and '}}', a last attribute without ';'.
  EXPECT_EQ(masked_option_value("ODBC_Connect", "Driver={PostgreSQL Unicode}; Password = {pa;ss}}word} ;Uid=app;pwd=x"),
            "Driver={PostgreSQL Unicode}; Password = *** ;Uid=app;pwd=***");
  EXPECT_EQ(masked_option_value("odbc_connect", "DSN=reporting"), "DSN=reporting");
}

TEST(OptionSecrets, AreTheValuesDriversSee) {
  EXPECT_EQ(option_secrets("Password", "s3cret"), std::vector<std::string>{"s3cret"});
  EXPECT_TRUE(option_secrets("sslmode", "require").empty());
  EXPECT_TRUE(option_secrets("password", "").empty());
  // A braced ODBC value means the text between the braces, '}}' standing for '}'.
  EXPECT_EQ(option_secrets("odbc_connect", "DRIVER={x};UID=app;PWD={pa;ss}}word};Password=other"),
            (std::vector<std::string>{"pa;ss}word", "other"}));
}

TEST(Redact, MasksTheSecretWhereItStandsAsOne) {
  const std::vector<std::string> pw{"s3cret"};
  EXPECT_EQ(redact("the password s3cret was rejected", pw), "the password *** was rejected");
  EXPECT_EQ(redact("postgresql://app:s3cret@db/main", pw), "postgresql://app:***@db/main");
  EXPECT_EQ(redact("UID=app;PWD=s3cret;", pw), "UID=app;PWD=***;");
  EXPECT_EQ(redact("password=s3cret sslmode=require", pw), "password=*** sslmode=require");
  EXPECT_EQ(redact("key is 's3cret' or \"s3cret\"", pw), "key is '***' or \"***\"");
  EXPECT_EQ(redact("s3cret", pw), "***");
  EXPECT_EQ(redact("nothing", {}), "nothing");
  EXPECT_EQ(redact("nothing", {""}), "nothing");
}

TEST(Redact, LeavesWordsThatMerelyContainAShortSecret) {
  // A password "p" once turned "port" into "***ort" (and so told the reader the password). As a word of its
  // own it is still masked.
  const std::string libpq =
      "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
      "\tIs the server running on that host and accepting TCP/IP connections?";
  EXPECT_EQ(redact(libpq, {"p"}), libpq);
  EXPECT_EQ(redact(libpq, {"ion"}), libpq);
  const std::string mysql = "Access denied for user 'app'@'10.0.0.7' (using password: YES)";
  EXPECT_EQ(redact(mysql, {"a"}), mysql);
  EXPECT_EQ(redact(mysql, {"pass"}), mysql);
  EXPECT_EQ(redact("Is the server running on that host", {"on"}), "Is the server running *** that host");
}

TEST(Redact, LibpqMessages) {
  EXPECT_EQ(redact("missing \"=\" after \"s3cret\" in connection info string", {"s3cret"}),
            "missing \"=\" after \"***\" in connection info string");
  EXPECT_EQ(redact("could not translate host name \"app:s3cret@db\" to address: Name or service not known", {"s3cret"}),
            "could not translate host name \"app:***@db\" to address: Name or service not known");
  // The driver writes a password holding ' or \ escaped in its keyword/value string.
  EXPECT_EQ(redact("invalid connection option in \"password='it\\'s' sslmode=x\"", {"it's"}),
            "invalid connection option in \"password='***' sslmode=x\"");
  EXPECT_EQ(redact("FATAL:  password authentication failed for user \"p\"", {"p"}),
            "FATAL:  password authentication failed for user \"***\"");
}

TEST(Redact, ConnectorCppMessages) {
  EXPECT_EQ(redact("You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server "
                   "version for the right syntax to use near 'IDENTIFIED BY 'Tr0ub4dor'' at line 1",
                   {"Tr0ub4dor"}),
            "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server "
            "version for the right syntax to use near 'IDENTIFIED BY '***'' at line 1");
  EXPECT_EQ(redact("Unknown MySQL server host 'app:Tr0ub4dor@db' (-2)", {"Tr0ub4dor"}),
            "Unknown MySQL server host 'app:***@db' (-2)");
}

TEST(Redact, UnixOdbcDiagnostics) {
  // The plugin writes a value holding ';' or '}' in braces, doubling '}'.
  EXPECT_EQ(redact("[unixODBC][Driver Manager]Invalid connection string attribute: "
                   "Driver={MariaDB Unicode};Server=db;Uid=app;Pwd={pa;ss}}word};",
                   {"pa;ss}word"}),
            "[unixODBC][Driver Manager]Invalid connection string attribute: "
            "Driver={MariaDB Unicode};Server=db;Uid=app;Pwd={***};");
  EXPECT_EQ(redact("[unixODBC][MariaDB][ODBC 3.1 Driver]Access denied for user 'app'@'localhost' "
                   "(using password: YES); connection string: DSN=reporting;UID=app;PWD=Tr0ub4dor",
                   {"Tr0ub4dor"}),
            "[unixODBC][MariaDB][ODBC 3.1 Driver]Access denied for user 'app'@'localhost' "
            "(using password: YES); connection string: DSN=reporting;UID=app;PWD=***");
}

TEST(Redact, SqliteMessagesAndStatements) {
  // SQLCipher's key goes to the database as an SQL literal, quotes doubled, and comes back in the statement.
  EXPECT_EQ(redact("PRAGMA key = 'it''s-s3cret'", {"it's-s3cret"}), "PRAGMA key = '***'");
  EXPECT_EQ(redact("file is not a database", {"at"}), "file is not a database");
  EXPECT_EQ(redact("unable to open database file: /data/k3y.db", {"k3y"}),
            "unable to open database file: /data/***.db");
}

TEST(Redact, LongerSecretsFirstAndNoRevealingLeftovers) {
  EXPECT_EQ(redact("PWD=abc-def;", {"abc", "abc-def"}), "PWD=***;");
  // A URL written with the password percent-encoded.
  EXPECT_EQ(redact("bad URL postgresql://app:p%40ss@db/main", {"p@ss"}), "bad URL postgresql://app:***@db/main");
  // A secret made of what "***" is made of is not found again inside an earlier mask.
  EXPECT_EQ(redact("a s3cret and *", {"s3cret", "*"}), "a *** and ***");
}

}  // namespace
}  // namespace retort
