/**
 * Runs one soak sequence: a fresh Live API emulator injecting faults on every action, Pulumi's real
 * dynamic-provider host, and the engine stand-in driving it through the generated steps. Each
 * operation starts its own host, as each `pulumi` command does (`hostPerSequence` keeps one host for
 * the whole sequence instead, so the provider's rate limiters live across operations). After every
 * step (and every rerun) the checker compares the stack state with the emulator's configs. A failed
 * step is rerun, with faults still on (twice) and then off, until it succeeds; when a failure tells
 * to run `pulumi refresh` (a config deleted behind Pulumi's back), the rerun refreshes first, as a
 * person following the message would. The sequence ends with a destroy, which must leave nothing.
 */
import { startEmulator } from "../../emulator";
import { generateSequence } from "./generator";
import { Hosts } from "./hosts";
import { seededRandom } from "./random";
import { Sequence, secretsOf, type SequenceOptions, type SequenceResult } from "./sequence";
import { keepsOnDemandUrl } from "../semantics-profiles";

export async function runSequence(options: SequenceOptions): Promise<SequenceResult> {
    const started = Date.now();
    const random = seededRandom(options.seed).fork(options.index);
    const profile = options.emulatorOptions ?? {};
    // A service that keeps a left-out field and refuses it empty cannot clear an on-demand URL: the
    // provider then fails such an update on purpose (tests/provider/resource/profiles.test.ts), so the
    // soak's programs do not ask for it.
    const steps = generateSequence(random.fork(1), {
        steps: options.steps,
        resources: options.resources,
        prefix: `s${options.index}`,
        keepsOnDemandUrl: keepsOnDemandUrl(profile),
    });
    const emulatorDice = random.fork(2);
    const emulator = await startEmulator({ ...profile, random: () => emulatorDice.next() });
    const hosts = new Hosts(options, emulator.url);
    try {
        const sequence = new Sequence(options, emulator, hosts, random.fork(3), secretsOf(steps));
        await sequence.faults.install();
        for (const [i, step] of steps.entries()) await sequence.run(step, `${options.index}.${i + 1}`);
        await sequence.run({ kind: "destroy" }, `${options.index}.destroy`);
        await hosts.close();
        sequence.searchSecrets(hosts.output, `${options.index}: the provider hosts' output`);
        return sequence.result(steps, Date.now() - started);
    } finally {
        await hosts.close();
        await emulator.stop();
    }
}
