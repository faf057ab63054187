import { devUserId, signDevSession } from './dev-session';

const userId = devUserId.safeParse(process.argv[2]);
if (!userId.success) {
  console.error('usage: npm run --silent session -- <userId>');
  process.exit(2);
}
void signDevSession(userId.data).then((token) => console.log(token));
