import { signDevSession } from './dev-session';

const userId = process.argv[2];
if (userId === undefined || userId.trim() === '' || userId.length > 256) {
  console.error('usage: npm run --silent session -- <userId>');
  process.exit(2);
}
void signDevSession(userId).then((token) => console.log(token));
