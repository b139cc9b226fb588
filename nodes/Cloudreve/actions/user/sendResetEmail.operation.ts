import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sendResetEmail } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';
import { captchaFields, captchaOptions } from './captchaFields';

const show = { resource: ['user'], operation: ['sendResetEmail'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'E-mail address of the account; Cloudreve mails it a password-reset link valid for one hour',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			...captchaOptions,
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'e.g. en-US', description: 'Language of the e-mail' },
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const email = String(this.getNodeParameter('email', i, '')).trim();
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	await sendResetEmail(client, { email, ...(options.language ? { language: String(options.language) } : {}), ...captchaFields(options) }, i);
	return { json: { email, sent: true } };
}
