import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authorize, IntegerIdPipe } from '@wian/http';
import { OrganisationDirectory } from './organisation-directory.service.js';
import { OrganisationListQuery, PageQuery, SubtreeQuery } from './organisation-query.dto.js';
import { OrganisationPage, OrganisationView, SubtreeView } from './organisation.view.js';

@ApiTags('organisations / หน่วยงาน')
@ApiBearerAuth()
// The directory is open to every signed-in user and API key (it is public information).
@Authorize('organisation.read')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly directory: OrganisationDirectory) {}

  @Get()
  @ApiOperation({
    summary: 'List or search organisations',
    description:
      'ค้นหาหน่วยงานตามชื่อ (ภาษาไทย) ประเภท และจังหวัด / Search by Thai name, kind and province.',
  })
  @ApiOkResponse({ type: OrganisationPage })
  list(@Query() query: OrganisationListQuery): Promise<OrganisationPage> {
    return this.directory.list(query);
  }

  @Get('by-code/:code')
  @ApiOperation({ summary: 'One organisation by its code (e.g. p-47, d-4704, dla)' })
  @ApiParam({ name: 'code', example: 'p-47' })
  @ApiOkResponse({ type: OrganisationView })
  async byCode(@Param('code') code: string): Promise<OrganisationView> {
    return OrganisationView.of(await this.directory.getByCode(code));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationView })
  async get(@Param('id', IntegerIdPipe) id: number): Promise<OrganisationView> {
    return OrganisationView.of(await this.directory.get(id));
  }

  @Get(':id/children')
  @ApiOperation({ summary: 'Direct children (หน่วยงานในสังกัดโดยตรง)' })
  @ApiOkResponse({ type: OrganisationPage })
  children(
    @Param('id', IntegerIdPipe) id: number,
    @Query() page: PageQuery,
  ): Promise<OrganisationPage> {
    return this.directory.children(id, page);
  }

  @Get(':id/subtree')
  @ApiOperation({
    summary: 'Everything under an organisation, with counts by kind',
    description: 'e.g. a province: its districts, local governments and offices, counted by kind.',
  })
  @ApiOkResponse({ type: SubtreeView })
  subtree(
    @Param('id', IntegerIdPipe) id: number,
    @Query() query: SubtreeQuery,
  ): Promise<SubtreeView> {
    return this.directory.subtree(id, query);
  }

  @Get(':id/ancestors')
  @ApiOperation({ summary: 'The chain above an organisation, from the ministry down' })
  @ApiOkResponse({ type: [OrganisationView] })
  ancestors(@Param('id', IntegerIdPipe) id: number): Promise<OrganisationView[]> {
    return this.directory.ancestors(id);
  }
}
