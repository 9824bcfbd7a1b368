import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgTreeController } from './org-tree.controller';
import { OrgTreeService } from './org-tree.service';
import { OrgUnit } from './org-unit.entity';

@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit])],
  controllers: [OrgTreeController],
  providers: [OrgTreeService],
  exports: [OrgTreeService],
})
export class OrgTreeModule {}
