// Accounts kept between runs against one server: registering costs a password hash (argon2id,
// tens of ms of server CPU each), so a file of tokens lets later runs sign in with auth.resume.
#pragma once

#include <QString>

#include "population.h"
#include "scenarios.h"

namespace natter::load {

// Signs every connection in as an account of its own: the first ones with the tokens of
// `accountsFile` (if given and present), the rest by registering `<prefix><n>`, whose tokens are
// then appended to the file. False when any connection could not be signed in.
bool signInOwnAccounts(const Clients& clients, const ServerUrls& servers,
                       const QString& accountsFile, const QString& prefix, int openWindow,
                       int authWindow);

// count connections signed in as accounts of their own (signInOwnAccounts with the options);
// empty after a failure, which it reports.
Clients ownAccounts(const LoadOptions& options, int count);

}  // namespace natter::load
