import type { State } from './state';
import { TestFs } from './testfs';

export const DEMO = {
	email: 'demo@cloudreve.test',
	password: 'demo-password-123',
	totpEmail: 'totp@cloudreve.test',
	totpPassword: 'totp-password-123',
	totpSecret: 'JBSWY3DPEHPK3PXP',
} as const;

// A few bytes of a JPEG (SOI + JFIF APP0 + EOI) so the demo picture has a real signature.
const CAT_JPG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/**
 * Demo data (design §3): DEMO.email is the first user (Admin) with /Documents, /Documents/Reports, /Photos and
 * three small files; DEMO.totpEmail has 2FA on with DEMO.totpSecret and an empty drive.
 */
export function seedDemo(state: State): void {
	state.addUser({ email: DEMO.email, password: DEMO.password, group: 'admin', nickname: 'Demo' });
	state.addUser({ email: DEMO.totpEmail, password: DEMO.totpPassword, totpSecret: DEMO.totpSecret, group: 'user', nickname: 'Totp' });
	const fs = new TestFs(state);
	fs.mkdir(DEMO.email, '/Documents/Reports');
	fs.mkdir(DEMO.email, '/Photos');
	fs.put(DEMO.email, '/Documents/readme.md', '# Demo\n\nFiles for trying the Cloudreve n8n nodes.\n');
	fs.put(DEMO.email, '/Documents/Reports/q1.csv', 'month,revenue\njan,100\nfeb,120\nmar,140\n');
	fs.put(DEMO.email, '/Photos/cat.jpg', CAT_JPG);
}
