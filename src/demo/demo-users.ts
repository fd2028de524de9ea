import { createUser, grantRole } from "../access/users.js";
import type { Database } from "../platform/db/database.js";
import { DEMO_LOGINS } from "./demo-profiles.js";

/**
 * The demo's portal users (src/access/users.ts): the firm's administrator over all three
 * clients, one client's own user, and the agency's operator. The passwords are printed by
 * `npm start`; they open a demo on this machine and nothing else.
 */
export async function createDemoUsers(database: Database, o: { firmId: string; creditorIds: ReadonlyMap<string, string> }): Promise<{ email: string; password: string; role: string }[]> {
  const out: { email: string; password: string; role: string }[] = [];
  for (const login of DEMO_LOGINS) {
    const userId = await createUser(database, { email: login.email, name: login.name, password: login.password, locale: login.locale });
    if (login.role === "firm-admin") await grantRole(database, { userId, role: login.role, firmId: o.firmId });
    else if (login.role === "creditor-user") {
      const creditorId = o.creditorIds.get(login.creditorCode ?? "");
      if (!creditorId) throw new Error(`demo login ${login.email}: no demo creditor ${login.creditorCode}`);
      await grantRole(database, { userId, role: login.role, creditorId });
    } else await grantRole(database, { userId, role: login.role });
    out.push({ email: login.email, password: login.password, role: login.role });
  }
  return out;
}
