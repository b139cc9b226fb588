import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { signUp } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';
import { captchaFields, captchaOptions } from './captchaFields';

const show = { resource: ['user'], operation: ['signUp'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'E-mail address of the new account',
		displayOptions: { show },
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'Password of the new account, 6–128 characters',
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
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'e.g. en-US', description: 'Language of Cloudreve\'s e-mails to the new user' },
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const email = String(this.getNodeParameter('email', i, '')).trim();
	const password = String(this.getNodeParameter('password', i, ''));
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (!email.includes('@')) throw new NodeOperationError(this.getNode(), `"${email}" is not an e-mail address`, { itemIndex: i });
	if (password.length < 6 || password.length > 128) {
		throw new NodeOperationError(this.getNode(), 'Password must have 6–128 characters', { itemIndex: i });
	}
	const result = await signUp(
		client,
		{ email, password, ...(options.language ? { language: String(options.language) } : {}), ...captchaFields(options) },
		i,
	);
	if (result.code === 203) return { json: { email, activationRequired: true } };
	return { json: { ...result.user, activationRequired: false } };
}
