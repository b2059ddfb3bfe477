#pragma once
// The whole pure MQTT 3.1/3.1.1 codec in one include: packet values, encode, the incremental
// stream_decoder, describe for logs, topic filter matching.

#include "harness/mqtt/describe.hpp"
#include "harness/mqtt/encode.hpp"
#include "harness/mqtt/packet.hpp"
#include "harness/mqtt/stream_decoder.hpp"
#include "harness/mqtt/topic.hpp"
