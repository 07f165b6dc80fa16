// The natter command line: --server, --profile, --log-level, --version, --help.
#pragma once

#include <QString>
#include <optional>

#include "core/server_addresses.h"

class QCoreApplication;

namespace natter {

struct CommandLineOptions {
    std::optional<ServerAddresses> server;  // replaces the remembered server address(es)
    QString profile;
    QString loggingRules;  // for QLoggingCategory::setFilterRules
};

// Parses the application's arguments. --help and --version print and exit; a bad value prints
// why and exits with status 2.
CommandLineOptions parseCommandLine(const QCoreApplication& app);

// Logging rules for the natter.* categories at a --log-level; empty when the level is unknown.
QString loggingRulesFor(const QString& level);

}  // namespace natter
