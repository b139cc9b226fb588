import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as deletePasskey from './deletePasskey.operation';
import * as get from './get.operation';
import * as getAvatar from './getAvatar.operation';
import * as getCapacity from './getCapacity.operation';
import * as getCurrent from './getCurrent.operation';
import * as getPreferences from './getPreferences.operation';
import * as listCreditChanges from './listCreditChanges.operation';
import * as listNodes from './listNodes.operation';
import * as listPayments from './listPayments.operation';
import * as listStoragePolicies from './listStoragePolicies.operation';
import * as prepareTwoFactor from './prepareTwoFactor.operation';
import * as resetPassword from './resetPassword.operation';
import * as search from './search.operation';
import * as sendResetEmail from './sendResetEmail.operation';
import * as signOut from './signOut.operation';
import * as signUp from './signUp.operation';
import * as updateAvatar from './updateAvatar.operation';
import * as updatePreferences from './updatePreferences.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['user'] } },
	options: [
		{ name: 'Delete Passkey', value: 'deletePasskey', action: 'Delete a passkey', description: 'Remove one of your registered passkeys' },
		{ name: 'Get', value: 'get', action: 'Get a user', description: 'Get another user\'s public profile by ID: nickname, group, avatar' },
		{ name: 'Get Credit Changes [Pro]', value: 'listCreditChanges', action: 'Get credit changes', description: 'List changes of your credit balance (Cloudreve Pro)' },
		{ name: 'Get Current', value: 'getCurrent', action: 'Get the current user', description: 'Get the signed-in user: ID, email, group, pins' },
		{ name: 'Get Nodes [Pro]', value: 'listNodes', action: 'Get available nodes', description: 'List the storage/processing nodes you may use (Cloudreve Pro)' },
		{ name: 'Get Payments [Pro]', value: 'listPayments', action: 'Get payments', description: 'List your payments (Cloudreve Pro)' },
		{ name: 'Get Preferences', value: 'getPreferences', action: 'Get preferences', description: 'Get your settings: version retention, two-factor status, passkeys, profile shares' },
		{ name: 'Get Profile Picture', value: 'getAvatar', action: 'Get a profile picture', description: 'Download a user\'s profile picture as a binary file' },
		{ name: 'Get Storage Capacity', value: 'getCapacity', action: 'Get storage capacity', description: 'Get the total and used storage in bytes' },
		{
			name: 'Get Storage Policies [Pro]',
			value: 'listStoragePolicies',
			action: 'Get available storage policies',
			description: 'List the storage policies you may choose (Cloudreve Pro)',
		},
		{
			name: 'Prepare Two-Factor',
			value: 'prepareTwoFactor',
			action: 'Prepare enabling two factor authentication',
			description: 'Get a new TOTP secret to confirm with Update Preferences (sensitive output)',
		},
		{
			name: 'Reset Password',
			value: 'resetPassword',
			action: 'Reset a password via the reset link',
			description: 'Set a new password using the link from the reset e-mail',
		},
		{ name: 'Search', value: 'search', action: 'Search users', description: 'Find up to 10 users by part of their e-mail or nickname' },
		{
			name: 'Send Reset Password Email',
			value: 'sendResetEmail',
			action: 'Send a reset password email',
			description: 'Ask Cloudreve to e-mail a password-reset link to an account',
		},
		{
			name: 'Sign Out a Session',
			value: 'signOut',
			action: 'Sign out a session',
			description: 'Revoke a sign-in by its refresh token (e.g. a leaked token, or one handed to another tool)',
		},
		{ name: 'Sign Up', value: 'signUp', action: 'Sign up a new user', description: 'Register a new account with e-mail and password' },
		{
			name: 'Update Preferences',
			value: 'updatePreferences',
			action: 'Update preferences',
			description: 'Change nickname, language, theme, version retention, profile shares, password or two-factor sign-in',
		},
		{
			name: 'Update Profile Picture',
			value: 'updateAvatar',
			action: 'Update the profile picture',
			description: 'Upload a new profile picture, or switch back to Gravatar',
		},
	],
	default: 'getCurrent',
};

export const userResource: ResourceModule = {
	resource: { name: 'User', value: 'user' },
	operations,
	modules: {
		deletePasskey,
		get,
		getAvatar,
		getCapacity,
		getCurrent,
		getPreferences,
		listCreditChanges,
		listNodes,
		listPayments,
		listStoragePolicies,
		prepareTwoFactor,
		resetPassword,
		search,
		sendResetEmail,
		signOut,
		signUp,
		updateAvatar,
		updatePreferences,
	},
};
