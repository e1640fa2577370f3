/**
 * Every property's seed, from FC_SEED when set: CI sets one so that a run is repeatable (a red run
 * replays with the seed it printed); unset, each run draws its own, as a hunt should.
 */
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
