import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getFileInfo, setCurrentVersion } from '../../../shared/api/files';
import { withLockPolicy } from '../../../shared/api/locks';
import { readLocatorUri } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { lockPolicyOf } from './batch';
import { readVersion, versionDescription } from './version';

export const description = versionDescription('setCurrentVersion', 'make current');

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const version = readVersion(this, i);
	await withLockPolicy(client, lockPolicyOf(this, i), async () => await setCurrentVersion(client, uri, version, i), i);
	const info = await getFileInfo(client, { uri }, { itemIndex: i });
	return { json: fileOutput(info, true) };
}
