import {
  DataTypes,
  Model,
  type InferAttributes,
  type InferCreationAttributes,
  type CreationOptional,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

// Classes give the types; sequelize.define binds a fresh model per database, so two servers can share a process.

export class UserModel extends Model<InferAttributes<UserModel>, InferCreationAttributes<UserModel>> {
  declare id: string;
  declare email: string;
  declare displayName: string;
  declare passwordHash: string;
  declare phone: string | null;
  declare address: string | null;
  declare locale: 'ko' | 'en';
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class RefreshTokenModel extends Model<
  InferAttributes<RefreshTokenModel>,
  InferCreationAttributes<RefreshTokenModel>
> {
  declare id: string;
  declare familyId: string;
  declare userId: string;
  declare tokenHash: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare revokedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
}

export class PasswordResetTokenModel extends Model<
  InferAttributes<PasswordResetTokenModel>,
  InferCreationAttributes<PasswordResetTokenModel>
> {
  declare id: string;
  declare userId: string;
  declare tokenHash: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
}

export type AuthModels = {
  User: ModelStatic<UserModel>;
  RefreshToken: ModelStatic<RefreshTokenModel>;
  PasswordResetToken: ModelStatic<PasswordResetTokenModel>;
};

const bound = new WeakMap<Sequelize, AuthModels>();

/** Binds the account models to a Sequelize instance once (tables come from migrations); later calls share them. */
export function defineAuthModels(sequelize: Sequelize): AuthModels {
  let models = bound.get(sequelize);
  if (!models) {
    models = bindAuthModels(sequelize);
    bound.set(sequelize, models);
  }
  return models;
}

function bindAuthModels(sequelize: Sequelize): AuthModels {
  const opts = { underscored: true };
  const User = sequelize.define<UserModel>(
    'User',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      email: { type: DataTypes.STRING(254), allowNull: false },
      displayName: { type: DataTypes.STRING(60), allowNull: false },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      phone: { type: DataTypes.STRING(30), allowNull: true },
      address: { type: DataTypes.STRING(200), allowNull: true },
      locale: { type: DataTypes.STRING(5), allowNull: false, defaultValue: 'ko' },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { ...opts, tableName: 'users' },
  );
  const RefreshToken = sequelize.define<RefreshTokenModel>(
    'RefreshToken',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      familyId: { type: DataTypes.STRING(36), allowNull: false },
      userId: { type: DataTypes.STRING(36), allowNull: false },
      tokenHash: { type: DataTypes.STRING(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { ...opts, tableName: 'refresh_tokens', updatedAt: false },
  );
  const PasswordResetToken = sequelize.define<PasswordResetTokenModel>(
    'PasswordResetToken',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      userId: { type: DataTypes.STRING(36), allowNull: false },
      tokenHash: { type: DataTypes.STRING(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { ...opts, tableName: 'password_reset_tokens', updatedAt: false },
  );
  return { User, RefreshToken, PasswordResetToken };
}
