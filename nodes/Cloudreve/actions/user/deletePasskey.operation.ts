import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deletePasskey } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['deletePasskey'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Passkey ID',
		name: 'passkeyId',
		type: 'string',
		required: true,
		default: '',
		description: 'The credential ID of the passkey, as listed under "passkeys" by User → Get Preferences',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const id = String(this.getNodeParameter('passkeyId', i, '')).trim();
	if (!id) throw new NodeOperationError(this.getNode(), 'Passkey ID is empty', { itemIndex: i });
	await deletePasskey(client, id, i);
	return { json: { id, deleted: true } };
}
