import { parseArgs } from 'node:util';
import { createDb } from '../lib/storage/dynamodb';
import { backfillExpiryCalendar } from './expiry-calendar/backfill';

// npm run backfill-expiry-calendar -- --table <TableName output>
// Once, after deploying the expiry notices: gives tokens made before them their expiry calendar entry,
// so that they are warned too. Safe to run again. AWS region and credentials as the AWS CLI takes them.

const { values } = parseArgs({ options: { table: { type: 'string' } } });
if (!values.table) {
  console.error('usage: npm run backfill-expiry-calendar -- --table <name>');
  process.exit(2);
}

backfillExpiryCalendar(createDb({ tableName: values.table }), new Date())
  .then(({ tokens, written }) => console.log(`${tokens} expiring tokens, ${written} calendar entries written`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
