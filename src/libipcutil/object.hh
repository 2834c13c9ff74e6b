// Placeholder: written with mqsend/mqrecv (issue 3).
#pragma once
