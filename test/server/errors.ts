import { randomUUID } from 'node:crypto';

/** One entry of `aggregated_error` (§1.2): a full envelope per failing URI. */
export interface ErrorEnvelope {
	code: number;
	msg: string;
	correlation_id?: string;
	data?: unknown;
}

/**
 * An application error as Cloudreve's `serializer.AppError`: when it wraps another AppError the response
 * carries the innermost code but the outermost message (§1.2).
 */
export class AppError extends Error {
	readonly ownCode: number;
	readonly data?: unknown;
	readonly cause?: unknown;
	/** Binding (validation) errors carry no correlation_id (§1.2). */
	readonly noCorrelation: boolean;
	readonly aggregated?: Record<string, ErrorEnvelope>;

	constructor(
		code: number,
		msg: string,
		opts: { data?: unknown; cause?: unknown; noCorrelation?: boolean; aggregated?: Record<string, ErrorEnvelope> } = {},
	) {
		super(msg);
		this.ownCode = code;
		this.data = opts.data;
		this.cause = opts.cause;
		this.noCorrelation = opts.noCorrelation ?? false;
		this.aggregated = opts.aggregated;
	}

	get code(): number {
		return this.cause instanceof AppError ? this.cause.code : this.ownCode;
	}

	toEnvelope(correlationId: string = randomUUID()): ErrorEnvelope & { aggregated_error?: Record<string, ErrorEnvelope> } {
		// Key order as Go marshals serializer.Response: code, data, aggregated_error, msg, correlation_id.
		const env: Record<string, unknown> = { code: this.code };
		if (this.data !== undefined) env.data = this.data;
		if (this.aggregated) env.aggregated_error = this.aggregated;
		env.msg = this.message;
		if (!this.noCorrelation) env.correlation_id = correlationId;
		return env as unknown as ErrorEnvelope & { aggregated_error?: Record<string, ErrorEnvelope> };
	}
}

/** Application codes used by the test server (§5). */
export const Code = {
	NotFullySuccess: 203,
	CheckLogin: 401,
	NoPermission: 403,
	NotFound: 404,
	Conflict: 409,
	ParamErr: 40001,
	ObjectExist: 40004,
	SignExpired: 40005,
	PolicyNotAllowed: 40006,
	GroupNotAllowed: 40007,
	UploadSessionExpired: 40011,
	InvalidChunkIndex: 40012,
	InvalidContentLength: 40013,
	BatchSourceSize: 40014,
	ParentNotExist: 40016,
	UserBaned: 40017,
	UserNotActivated: 40018,
	FeatureNotEnabled: 40019,
	CredentialInvalid: 40020,
	UserNotFound: 40021,
	TwoFACodeErr: 40022,
	CaptchaError: 40026,
	FailedSendEmail: 40028,
	TempLinkExpired: 40030,
	EmailExisted: 40032,
	EmailSent: 40033,
	FileTooLarge: 40049,
	InsufficientCapacity: 40051,
	IllegalObjectName: 40052,
	MetaMismatch: 40055,
	IncorrectPassword: 40069,
	InvalidSign: 40071,
	LockConflict: 40073,
	TooManyUris: 40074,
	StaleVersion: 40076,
	EntityNotExist: 40077,
	InvalidPassword: 40080,
	BatchNotFullyCompleted: 40081,
	OwnerOnly: 40082,
	DBError: 50001,
	EncryptError: 50002,
	IOFailed: 50004,
	InternalSetting: 50005,
	NotSet: -1,
} as const;

export const loginRequired = (): AppError => new AppError(Code.CheckLogin, 'Login required');
export const notSupported = (): AppError => new AppError(Code.NoPermission, 'Not supported action');
export const pathNotExist = (): AppError => new AppError(Code.ParentNotExist, 'Path not exist');
export const permissionDenied = (): AppError => new AppError(Code.NoPermission, 'Permission denied');
export const ownerOnly = (): AppError => new AppError(Code.OwnerOnly, 'Only owner or administrator can perform this action');
export const paramErr = (msg: string): AppError => new AppError(Code.ParamErr, msg);
/** Validation (binding) failure: 40001 without correlation_id (§1.4). */
export const bindingErr = (msg: string): AppError => new AppError(Code.ParamErr, msg, { noCorrelation: true });
