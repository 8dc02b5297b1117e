// Each service gets its own database and its own user, allowed on that database only.
const services = {
  intake: process.env.INTAKE_DB_PASSWORD,
  eligibility: process.env.ELIGIBILITY_DB_PASSWORD,
  notification: process.env.NOTIFICATION_DB_PASSWORD,
};
for (const [name, password] of Object.entries(services)) {
  db.getSiblingDB(name).createUser({ user: name, pwd: password, roles: [{ role: "readWrite", db: name }] });
}
