#pragma once

// Everything a user of spillway needs.
#include "spillway/arrow_writer.h"
#include "spillway/basic.h"
#include "spillway/budgeted_store.h"
#include "spillway/bytes.h"
#include "spillway/c_abi.h"
#include "spillway/error.h"
#include "spillway/metadata.h"
#include "spillway/output_stream.h"
#include "spillway/page_store.h"
#include "spillway/properties.h"
#include "spillway/schema.h"
#include "spillway/spill_file_store.h"
#include "spillway/version.h"
