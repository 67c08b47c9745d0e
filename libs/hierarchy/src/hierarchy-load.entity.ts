import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Records that a data set was loaded into the hierarchy, so loading happens once. */
@Entity('hierarchy_load')
export class HierarchyLoad {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'hierarchy_load_pkey' })
  dataset!: string;

  @Column({ name: 'dataset_version', type: 'varchar', length: 64 })
  datasetVersion!: string;

  @Column({ type: 'integer' })
  organisations!: number;

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;
}
