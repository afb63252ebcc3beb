/**
 * The node:http servers of one emulator: each bound to its port, their sockets tracked so that
 * closing ends idle keep-alive connections too instead of waiting for them.
 */
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export class Listeners {
    private readonly sockets = new Set<Socket>();

    constructor(private readonly servers: readonly Server[]) {
        for (const s of servers) {
            s.on("connection", (socket: Socket) => {
                this.sockets.add(socket);
                socket.on("close", () => this.sockets.delete(socket));
            });
        }
    }

    /** Closes every server and destroys every socket; resolves once all servers are closed. */
    close(): Promise<void> {
        return new Promise<void>((resolve) => {
            let open = this.servers.length;
            for (const s of this.servers) s.close(() => --open === 0 && resolve());
            for (const socket of this.sockets) socket.destroy();
        });
    }
}

/** Listens on `port` (0: any free one) and returns the port bound. */
export function listen(server: Server, port: number, host: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve((server.address() as AddressInfo).port);
        });
    });
}
