import { ApiKey } from './api-key.entity.js';
import { Delegation } from './delegation.entity.js';
import { PositionHolding } from './position-holding.entity.js';
import { Position } from './position.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { User } from './user.entity.js';

/** Entities of the identity context, for the data source. */
export const IDENTITY_ENTITIES = [
  User,
  Position,
  PositionHolding,
  RefreshToken,
  ApiKey,
  Delegation,
];
