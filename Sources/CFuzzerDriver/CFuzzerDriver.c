// Nothing to compile: the target exists for the declaration in include/CFuzzerDriver.h.
#include "CFuzzerDriver.h"
