-- CreateIndex
CREATE INDEX "activity_events_entity_type_entity_id_id_idx" ON "activity_events"("entity_type", "entity_id", "id");
