/**
 * gzip whose bytes depend only on the input: zlib at a fixed level, the header's mtime 0 (zlib's own
 * default) and its OS byte fixed to 3 (Unix), which zlib otherwise sets from the platform it was built
 * for. The same Node (so the same zlib) gives the same bytes.
 */
import { gzipSync } from "node:zlib";

/** zlib's best compression: the archives are downloaded once per machine and version. */
export const GZIP_LEVEL = 9;
/** RFC 1952's OS field: 3 = Unix. */
const OS_UNIX = 3;

export function deterministicGzip(data: Buffer): Buffer {
    const out = gzipSync(data, { level: GZIP_LEVEL });
    out[9] = OS_UNIX;
    return out;
}
