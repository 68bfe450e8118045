// Registers the ODBC driver with retort: `postgresql+odbc://`, `mysql+odbc://`, `sqlite+odbc:///` URLs.
#include "odbc_driver.hpp"

RETORT_PLUGIN("odbc", "0.1.0", "ODBC driver (unixODBC) for any dialect",
              retort::sdk::driver<retort::odbc::OdbcDriver>("odbc"))
