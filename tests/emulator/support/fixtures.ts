/** Emulators started by a test, always stopped in `afterEach`. */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../../emulator";

export function emulatorFixture(): (options?: EmulatorOptions) => Promise<RunningEmulator> {
    const running: RunningEmulator[] = [];
    afterEach(async () => {
        await Promise.all(running.splice(0).map((e) => e.stop()));
    });
    return async (options) => {
        const emulator = await startEmulator(options);
        running.push(emulator);
        return emulator;
    };
}

export const ADD = "AddLiveRecordNotifyConfig";
export const UPDATE = "UpdateLiveRecordNotifyConfig";
export const DESCRIBE = "DescribeLiveRecordNotifyConfig";
export const DELETE = "DeleteLiveRecordNotifyConfig";
