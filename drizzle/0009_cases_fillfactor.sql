-- A case row is updated over and over (every payment, every step of the daily cycle). With room
-- left on its page, an update that changes no indexed column is a HOT update: no new entry in any
-- of the table's indexes. Applies to pages written from now on; VACUUM FULL cases rewrites the rest.
ALTER TABLE "cases" SET (fillfactor = 85);
