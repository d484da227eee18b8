// Loaded only by prisma.config.ts for `prisma migrate` on PostgreSQL. Prisma 6.19's pg adapter
// cannot read columns of type "char" (oid 18) and name (oid 19) that migrate's catalog queries
// return (prisma/orm#27403); reading them as text (oid 25) is exactly what they are.
import { createRequire } from "node:module";

export async function patchPgForMigrate() {
  const require = createRequire(import.meta.url);
  const Result = require("pg/lib/result.js");
  if (Result.prototype.__charNamePatched) return;
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fieldDescriptions) {
    for (const field of fieldDescriptions) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    }
    return addFields.call(this, fieldDescriptions);
  };
  Result.prototype.__charNamePatched = true;
}
