import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deletePermission } from '../../../shared/api/files';
import { withLockPolicy } from '../../../shared/api/locks';
import type { CloudreveClient } from '../../../shared/transport/client';
import { lockPolicyOf, readUriList } from './batch';
import { permissionOptions, permissionTargetDescription } from './permission';

export const description: INodeProperties[] = [
	...permissionTargetDescription('deletePermission', 'The item whose own access rules to remove, so it inherits them again'),
	permissionOptions('deletePermission'),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uris = await readUriList(this, client, 'file', i);
	await withLockPolicy(client, lockPolicyOf(this, i), async () => await deletePermission(client, uris, i), i);
	return { json: { success: true, uris } };
}
