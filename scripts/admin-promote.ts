// npm run admin:promote -- <username or email>: makes an existing account an admin. For whoever
// runs the server (it needs the database, not a login); the admin panel does the rest.
import { promoteByIdentifier } from "@/lib/db/admin";
import { AppError } from "@/lib/errors";

const identifier = process.argv[2];
if (!identifier) {
  console.error("Usage: npm run admin:promote -- <username or email>");
  process.exit(1);
}
promoteByIdentifier(identifier).then(
  (username) => {
    console.log(`${username} is now an admin.`);
    process.exit(0);
  },
  (error) => {
    console.error(error instanceof AppError && error.code === "not_found" ? `No account "${identifier}".` : error);
    process.exit(1);
  },
);
