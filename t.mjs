import { PGlite } from "@electric-sql/pglite";
let t = Date.now();
const pg = new PGlite("/tmp/portal-work/pgcopy"); await pg.waitReady; console.log("open", Date.now() - t); t = Date.now();
const dump = await pg.dumpDataDir("none"); console.log("dump", Date.now() - t, dump.size); t = Date.now();
const pg2 = new PGlite({ loadDataDir: dump }); await pg2.waitReady; console.log("load", Date.now() - t); t = Date.now();
console.log((await pg2.query("select count(*) from cases")).rows, Date.now() - t);
