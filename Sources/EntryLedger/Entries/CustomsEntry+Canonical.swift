import LedgerFormat

// The entry written as canonical JSON straight from its typed values: the same bytes as
// `CanonicalJSON.encode(entry.json)` (tests prove it over the samples, every optional member
// and generated entries), without building the `JSONValue` tree and sorting its members.
// Each `writeCanonical` writes the members of its `json` in canonical order (byte order of
// the names) and leaves out what `json` leaves out.

extension CustomsEntry {
    /// The canonical bytes of ``json``.
    public var canonicalBytes: [UInt8] {
        get throws(CanonicalJSONError) {
            var w = CanonicalWriter(capacity: 4096)
            writeCanonical(&w)
            return try w.finish()
        }
    }

    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("arrival_date"); w.string(arrivalDate)
        w.key("bills_of_lading"); w.beginArray()
        for b in billsOfLading { b.writeCanonical(&w) }
        w.endArray()
        w.key("bond"); bond.writeCanonical(&w)
        if let cargoRelease { w.key("cargo_release"); cargoRelease.writeCanonical(&w) }
        if let carrierCode { w.key("carrier_code"); w.string(carrierCode) }
        if let conveyanceName { w.key("conveyance_name"); w.string(conveyanceName) }
        w.key("entry_number"); w.string(entryNumber.formatted)
        if let entrySummary { w.key("entry_summary"); entrySummary.writeCanonical(&w) }
        w.key("entry_type"); w.string(entryType)
        if let firmsCode { w.key("firms_code"); w.string(firmsCode) }
        if let foreignPortOfLading { w.key("foreign_port_of_lading"); w.string(foreignPortOfLading) }
        w.key("importer"); importer.writeCanonical(&w)
        w.key("lines"); w.beginArray()
        for l in lines { l.writeCanonical(&w) }
        w.endArray()
        w.key("mode_of_transport"); w.string(modeOfTransport)
        w.key("parties"); w.beginArray()
        for p in parties { p.writeCanonical(&w) }
        w.endArray()
        w.key("port_of_entry"); w.string(portOfEntry)
        if let portOfUnlading { w.key("port_of_unlading"); w.string(portOfUnlading) }
        if let voyage { w.key("voyage"); w.string(voyage) }
        w.endObject()
    }
}

extension ImporterNumber {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if let sealed {
            w.key("qualifier"); w.string(qualifier)
            w.key("sealed"); w.value(sealed.json)
        } else {
            w.key("number"); w.string(number)
            w.key("qualifier"); w.string(qualifier)
        }
        w.endObject()
    }
}

extension EntryBond {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if let amountCents { w.key("amount_cents"); w.int(amountCents) }
        if let suretyCode { w.key("surety_code"); w.string(suretyCode) }
        w.key("type"); w.string(type)
        w.endObject()
    }
}

extension BillOfLading {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("issuer"); w.string(issuer)
        w.key("number"); w.string(number)
        w.key("quantity"); w.int(quantity)
        w.key("type"); w.string(type)
        w.endObject()
    }
}

extension EntryParty {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if let address { w.key("address"); address.writeCanonical(&w) }
        w.key("entity"); w.string(entity)
        if let id { w.key("id"); w.string(id) }
        if let idQualifier { w.key("id_qualifier"); w.string(idQualifier) }
        w.key("name"); w.string(name)
        w.endObject()
    }
}

extension PartyAddress {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("city"); w.string(city)
        w.key("country"); w.string(country)
        if let postalCode { w.key("postal_code"); w.string(postalCode) }
        w.key("street"); w.string(street)
        if let subdivision { w.key("subdivision"); w.string(subdivision) }
        w.endObject()
    }
}

extension EntryLine {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("country_of_origin"); w.string(countryOfOrigin)
        w.key("description"); w.string(description)
        if let summary { w.key("entry_summary"); summary.writeCanonical(&w) }
        w.key("hts"); w.string(hts)
        w.key("line_number"); w.int(lineNumber)
        w.key("quantity"); quantity.writeCanonical(&w)
        w.key("value_cents"); w.int(valueCents)
        w.endObject()
    }
}

extension LineQuantity {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("amount"); w.int(amount)
        w.key("scale"); w.int(scale)
        w.key("unit"); w.string(unit)
        w.endObject()
    }
}

extension LineSummary {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if !adcvd.isEmpty {
            w.key("adcvd"); w.beginArray()
            for d in adcvd { d.writeCanonical(&w) }
            w.endArray()
        }
        if adcvdNonReimbursement { w.key("adcvd_non_reimbursement"); w.bool(true) }
        if !chapter99.isEmpty {
            w.key("chapter_99"); w.beginArray()
            for t in chapter99 { t.writeCanonical(&w) }
            w.endArray()
        }
        w.key("charges_cents"); w.int(chargesCents)
        w.key("country_of_export"); w.string(countryOfExport)
        w.key("duty_cents"); w.int(dutyCents)
        w.key("export_date"); w.string(exportDate)
        if !fees.isEmpty {
            w.key("fees"); w.beginArray()
            for f in fees { f.writeCanonical(&w) }
            w.endArray()
        }
        if let ftz { w.key("ftz"); ftz.writeCanonical(&w) }
        w.key("gross_weight_kg"); w.int(grossWeightKilograms)
        if let irTax { w.key("ir_tax"); irTax.writeCanonical(&w) }
        w.key("mid"); w.string(mid)
        if let rate { w.key("rate"); rate.writeCanonical(&w) }
        w.key("related_party"); w.bool(relatedParty)
        if let spi { w.key("spi"); w.string(spi) }
        w.endObject()
    }
}

extension DutyRate {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if let adValoremBasisPoints { w.key("ad_valorem_bp"); w.int(adValoremBasisPoints) }
        if let specificHundredthCents { w.key("specific_hundredth_cents"); w.int(specificHundredthCents) }
        if let specificUnit { w.key("specific_unit"); w.string(specificUnit) }
        w.endObject()
    }
}

extension TariffLine {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("duty_cents"); w.int(dutyCents)
        w.key("hts"); w.string(hts)
        if let rate { w.key("rate"); rate.writeCanonical(&w) }
        w.endObject()
    }
}

extension ADCVDDeposit {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if let blanketDeclaration { w.key("blanket_declaration"); w.string(blanketDeclaration) }
        w.key("case_number"); w.string(caseNumber)
        w.key("claim"); w.string(claim)
        w.key("deposit_rate"); w.int(depositRate)
        w.key("duty_cents"); w.int(dutyCents)
        if let quantityTenThousandths { w.key("quantity_ten_thousandths"); w.int(quantityTenThousandths) }
        w.key("rate_type"); w.string(rateType)
        if let valueCents { w.key("value_cents"); w.int(valueCents) }
        w.endObject()
    }
}

extension IRTax {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("amount_cents"); w.int(amountCents)
        w.key("class_code"); w.string(classCode)
        w.key("quantity"); quantity.writeCanonical(&w)
        w.key("rate_hundredth_cents"); w.int(rateHundredthCents)
        w.endObject()
    }
}

extension EntryFee {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("amount_cents"); w.int(amountCents)
        w.key("class_code"); w.string(classCode)
        w.endObject()
    }
}

extension FTZLineStatus {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if let privilegedFilingDate { w.key("privileged_filing_date"); w.string(privilegedFilingDate) }
        w.key("quantity"); w.int(quantity)
        w.key("status"); w.string(status)
        w.endObject()
    }
}

extension CargoRelease {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("estimated_value_cents"); w.int(estimatedValueCents)
        if let originatingEntry { w.key("originating_entry"); originatingEntry.writeCanonical(&w) }
        w.key("split_shipment"); w.bool(splitShipment)
        if let warehouseFirms { w.key("warehouse_firms"); w.string(warehouseFirms) }
        w.endObject()
    }
}

extension WarehouseEntry {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        w.key("entry_number"); w.string(entryNumber.formatted)
        w.key("port"); w.string(port)
        w.endObject()
    }
}

extension EntrySummary {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if let brokerReference { w.key("broker_reference"); w.string(brokerReference) }
        if let consigneeNumber { w.key("consignee_number"); w.string(consigneeNumber) }
        if let entryDate { w.key("entry_date"); w.string(entryDate) }
        if !fees.isEmpty {
            w.key("fees"); w.beginArray()
            for f in fees { f.writeCanonical(&w) }
            w.endArray()
        }
        if let ftzID { w.key("ftz_id"); w.string(ftzID) }
        w.key("totals"); totals.writeCanonical(&w)
        if let warehouseEntry { w.key("warehouse_entry"); warehouseEntry.writeCanonical(&w) }
        w.endObject()
    }
}

extension EntrySummaryTotals {
    func writeCanonical(_ w: inout CanonicalWriter) {
        w.beginObject()
        if adDutyCents != 0 { w.key("ad_duty_cents"); w.int(adDutyCents) }
        if cvDutyCents != 0 { w.key("cv_duty_cents"); w.int(cvDutyCents) }
        w.key("duty_cents"); w.int(dutyCents)
        w.key("entered_value_cents"); w.int(enteredValueCents)
        w.key("fees_cents"); w.int(feesCents)
        w.key("taxes_cents"); w.int(taxesCents)
        w.key("total_cents"); w.int(totalCents)
        w.endObject()
    }
}
