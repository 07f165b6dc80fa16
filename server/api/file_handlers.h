// Handlers of files.upload_start, files.upload_finish and files.download, and of the binary upload
// chunks (docs/protocol.md section 5.8).
#pragma once

#include <QByteArray>

#include "request_dispatcher.h"

namespace natter::handlers {

bool startUpload(const Services& services, const RequestContext& context);
bool finishUpload(const Services& services, const RequestContext& context);
bool download(const Services& services, const RequestContext& context);
// One binary message of a signed-in connection: the upload id, the offset, the bytes.
void uploadChunk(const Services& services, const Identity& who, const ReplyRef& reply,
                 const QByteArray& message);

}  // namespace natter::handlers
