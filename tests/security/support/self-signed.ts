/**
 * A throwaway self-signed certificate for 127.0.0.1, made at run time (tests/support/x509.ts), so no
 * private key is stored in the repository. For a local TLS server that a client which verifies
 * certificates must refuse.
 */
import { issueCertificate } from "../../support/x509";

export interface SelfSigned {
    readonly cert: string;
    readonly key: string;
}

export function selfSignedLoopbackCertificate(): SelfSigned {
    const { cert, key } = issueCertificate({ subject: "127.0.0.1", ips: [[127, 0, 0, 1]] });
    return { cert, key };
}
