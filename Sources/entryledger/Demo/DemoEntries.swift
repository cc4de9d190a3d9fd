import EntryLedger
/// Sample entries embedded so that `entryledger demo` runs anywhere; each is byte-for-byte a
/// file of `samples/entries/` (a test compares them).
enum DemoEntries {
    static let files: [(name: String, json: String)] = [
        ("01-vessel-continuous-3461-7501.json", #"""
{
  "entry_number": "EL7-1000001-8",
  "entry_type": "01",
  "port_of_entry": "2704",
  "importer": {
    "qualifier": "EI",
    "number": "95-421873600"
  },
  "bond": {
    "type": "8",
    "surety_code": "457"
  },
  "mode_of_transport": "11",
  "carrier_code": "MAEU",
  "conveyance_name": "MAERSK ESSEN",
  "voyage": "245E",
  "arrival_date": "2026-11-16",
  "port_of_unlading": "2704",
  "foreign_port_of_lading": "57035",
  "firms_code": "Y258",
  "bills_of_lading": [
    {
      "type": "R",
      "issuer": "MAEU",
      "number": "254812907",
      "quantity": 412
    }
  ],
  "parties": [
    {
      "entity": "MF",
      "name": "SHENZHEN BRIGHTWAY ELECTRONICS CO",
      "id_qualifier": "MID",
      "id": "CNSHEBRI88SHE",
      "address": {
        "street": "1 BAOAN AVENUE",
        "city": "SHENZHEN",
        "subdivision": "GD",
        "postal_code": "518000",
        "country": "CN"
      }
    },
    {
      "entity": "SE",
      "name": "BRIGHTWAY TRADING HK LTD",
      "address": {
        "street": "18 HARBOUR ROAD",
        "city": "HONG KONG",
        "country": "HK"
      }
    },
    {
      "entity": "CN",
      "name": "PACIFIC COAST OFFICE SUPPLY INC",
      "id_qualifier": "EI",
      "id": "95-421873600"
    }
  ],
  "lines": [
    {
      "line_number": 1,
      "hts": "8471300100",
      "country_of_origin": "CN",
      "description": "PORTABLE COMPUTERS 14 INCH",
      "value_cents": 18450000,
      "quantity": {
        "amount": 300,
        "scale": 0,
        "unit": "NO"
      },
      "entry_summary": {
        "mid": "CNSHEBRI88SHE",
        "country_of_export": "CN",
        "export_date": "2026-10-30",
        "gross_weight_kg": 1240,
        "charges_cents": 210000,
        "related_party": false,
        "rate": {
          "ad_valorem_bp": 0
        },
        "duty_cents": 0,
        "chapter_99": [
          {
            "hts": "99030124",
            "rate": {
              "ad_valorem_bp": 1000
            },
            "duty_cents": 1845000
          }
        ],
        "fees": [
          {
            "class_code": "499",
            "amount_cents": 56570
          },
          {
            "class_code": "501",
            "amount_cents": 23063
          }
        ]
      }
    },
    {
      "line_number": 2,
      "hts": "8473302000",
      "country_of_origin": "CN",
      "description": "PRINTED CIRCUIT ASSEMBLIES FOR COMPUTERS",
      "value_cents": 2312000,
      "quantity": {
        "amount": 1200,
        "scale": 0,
        "unit": "NO"
      },
      "entry_summary": {
        "mid": "CNSHEBRI88SHE",
        "country_of_export": "CN",
        "export_date": "2026-10-30",
        "gross_weight_kg": 310,
        "charges_cents": 26000,
        "related_party": false,
        "rate": {
          "ad_valorem_bp": 0
        },
        "duty_cents": 0,
        "chapter_99": [
          {
            "hts": "99038803",
            "rate": {
              "ad_valorem_bp": 2500
            },
            "duty_cents": 578000
          },
          {
            "hts": "99030124",
            "rate": {
              "ad_valorem_bp": 1000
            },
            "duty_cents": 231200
          }
        ],
        "fees": [
          {
            "class_code": "499",
            "amount_cents": 7088
          },
          {
            "class_code": "501",
            "amount_cents": 2890
          }
        ]
      }
    },
    {
      "line_number": 3,
      "hts": "8544429000",
      "country_of_origin": "CN",
      "description": "USB-C CHARGING CABLES 1M",
      "value_cents": 486000,
      "quantity": {
        "amount": 540000,
        "scale": 2,
        "unit": "KG"
      },
      "entry_summary": {
        "mid": "CNDONXIN1200DON",
        "country_of_export": "CN",
        "export_date": "2026-10-30",
        "gross_weight_kg": 560,
        "charges_cents": 5500,
        "related_party": false,
        "rate": {
          "ad_valorem_bp": 260
        },
        "duty_cents": 12636,
        "chapter_99": [
          {
            "hts": "99038803",
            "rate": {
              "ad_valorem_bp": 2500
            },
            "duty_cents": 121500
          },
          {
            "hts": "99030124",
            "rate": {
              "ad_valorem_bp": 1000
            },
            "duty_cents": 48600
          }
        ],
        "fees": [
          {
            "class_code": "499",
            "amount_cents": 1492
          },
          {
            "class_code": "501",
            "amount_cents": 608
          }
        ]
      }
    }
  ],
  "cargo_release": {
    "estimated_value_cents": 21248000,
    "split_shipment": false
  },
  "entry_summary": {
    "totals": {
      "entered_value_cents": 21248000,
      "duty_cents": 2836936,
      "fees_cents": 91711,
      "taxes_cents": 0,
      "total_cents": 2928647
    },
    "broker_reference": "K4471",
    "consignee_number": "95-421873600"
  }
}
"""#),
        ("01-air-single-bond-3461-7501.json", #"""
{
  "entry_number": "EL7-1000006-7",
  "entry_type": "01",
  "port_of_entry": "4701",
  "importer": {
    "qualifier": "EI",
    "number": "13-512770400"
  },
  "bond": {
    "type": "9",
    "surety_code": "161",
    "amount_cents": 2500000
  },
  "mode_of_transport": "40",
  "carrier_code": "LH",
  "voyage": "8160",
  "arrival_date": "2026-11-20",
  "port_of_unlading": "4701",
  "firms_code": "E548",
  "bills_of_lading": [
    {
      "type": "R",
      "issuer": "LH",
      "number": "02091837740",
      "quantity": 6
    }
  ],
  "parties": [
    {
      "entity": "MF",
      "name": "PRAEZISIONSMESSTECHNIK JENA GMBH",
      "id_qualifier": "MID",
      "id": "DEPRAMES12JEN",
      "address": {
        "street": "88 KEJI ROAD",
        "city": "SHENZHEN",
        "subdivision": "GD",
        "postal_code": "518057",
        "country": "CN"
      }
    },
    {
      "entity": "BY",
      "name": "HUDSON VALLEY LABORATORIES INC",
      "address": {
        "street": "400 W MADISON ST",
        "city": "CHICAGO",
        "subdivision": "IL",
        "postal_code": "60606",
        "country": "US"
      }
    }
  ],
  "lines": [
    {
      "line_number": 1,
      "hts": "9027891000",
      "country_of_origin": "DE",
      "description": "LABORATORY SPECTROMETERS",
      "value_cents": 1436000,
      "quantity": {
        "amount": 2,
        "scale": 0,
        "unit": "NO"
      },
      "entry_summary": {
        "mid": "DEPRAMES12JEN",
        "country_of_export": "DE",
        "export_date": "2026-11-19",
        "gross_weight_kg": 180,
        "charges_cents": 42000,
        "related_party": false,
        "rate": {
          "ad_valorem_bp": 175
        },
        "duty_cents": 25130,
        "fees": [
          {
            "class_code": "499",
            "amount_cents": 4974
          }
        ]
      }
    },
    {
      "line_number": 2,
      "hts": "9033003000",
      "country_of_origin": "DE",
      "description": "SPECTROMETER PARTS AND FITTINGS",
      "value_cents": 218000,
      "quantity": {
        "amount": 40,
        "scale": 0,
        "unit": "NO"
      },
      "entry_summary": {
        "mid": "DEPRAMES12JEN",
        "country_of_export": "DE",
        "export_date": "2026-11-19",
        "gross_weight_kg": 22,
        "charges_cents": 6000,
        "related_party": false,
        "rate": {
          "ad_valorem_bp": 175
        },
        "duty_cents": 3815,
        "fees": [
          {
            "class_code": "499",
            "amount_cents": 755
          }
        ]
      }
    }
  ],
  "cargo_release": {
    "estimated_value_cents": 1654000,
    "split_shipment": false
  },
  "entry_summary": {
    "totals": {
      "entered_value_cents": 1654000,
      "duty_cents": 28945,
      "fees_cents": 5729,
      "taxes_cents": 0,
      "total_cents": 34674
    },
    "broker_reference": "K4476"
  }
}
"""#),
        ("01-truck-mexico-3461.json", #"""
{
  "entry_number": "EL7-1000005-9",
  "entry_type": "01",
  "port_of_entry": "2304",
  "importer": {
    "qualifier": "EI",
    "number": "74-288130100"
  },
  "bond": {
    "type": "8",
    "surety_code": "457"
  },
  "mode_of_transport": "30",
  "carrier_code": "TFEX",
  "conveyance_name": "TRACTOR 4471",
  "arrival_date": "2026-11-19",
  "port_of_unlading": "2304",
  "bills_of_lading": [
    {
      "type": "R",
      "issuer": "TFEX",
      "number": "LRD88213",
      "quantity": 22
    }
  ],
  "parties": [
    {
      "entity": "MF",
      "name": "AUTOPARTES DEL NORTE SA DE CV",
      "id_qualifier": "MID",
      "id": "MXAUTDEL1200MON",
      "address": {
        "street": "AV INDUSTRIAL 455",
        "city": "MONTERREY",
        "subdivision": "NLE",
        "postal_code": "64000",
        "country": "MX"
      }
    },
    {
      "entity": "ST",
      "name": "SOUTH TEXAS AUTO ASSEMBLY",
      "address": {
        "street": "1200 COMMERCE ST",
        "city": "LAREDO",
        "subdivision": "TX",
        "postal_code": "78040",
        "country": "US"
      }
    }
  ],
  "lines": [
    {
      "line_number": 1,
      "hts": "8708295160",
      "country_of_origin": "MX",
      "description": "STAMPED STEEL DOOR PANELS",
      "value_cents": 5120000,
      "quantity": {
        "amount": 800,
        "scale": 0,
        "unit": "NO"
      }
    },
    {
      "line_number": 2,
      "hts": "8708999000",
      "country_of_origin": "MX",
      "description": "BRAKE CALIPER BRACKETS",
      "value_cents": 1644000,
      "quantity": {
        "amount": 3200,
        "scale": 0,
        "unit": "NO"
      }
    }
  ],
  "cargo_release": {
    "estimated_value_cents": 6764000,
    "split_shipment": false
  }
}
"""#),
        ("11-informal-truck.json", #"""
{
  "entry_number": "EL7-1000008-3",
  "entry_type": "11",
  "port_of_entry": "3801",
  "importer": {
    "qualifier": "EI",
    "number": "38-290044100"
  },
  "bond": {
    "type": "0"
  },
  "mode_of_transport": "30",
  "carrier_code": "SWTF",
  "arrival_date": "2026-11-22",
  "port_of_unlading": "3801",
  "bills_of_lading": [
    {
      "type": "R",
      "issuer": "SWTF",
      "number": "DET557301",
      "quantity": 3
    }
  ],
  "parties": [
    {
      "entity": "SE",
      "name": "ONTARIO GARDEN SUPPLY INC",
      "address": {
        "street": "300 KING ST W",
        "city": "TORONTO",
        "subdivision": "ON",
        "postal_code": "M5V 1J5",
        "country": "CA"
      }
    }
  ],
  "lines": [
    {
      "line_number": 1,
      "hts": "8201400000",
      "country_of_origin": "CA",
      "description": "FORGED STEEL AXES",
      "value_cents": 86000,
      "quantity": {
        "amount": 40,
        "scale": 0,
        "unit": "NO"
      }
    },
    {
      "line_number": 2,
      "hts": "8201300000",
      "country_of_origin": "CA",
      "description": "GARDEN HOES AND RAKES",
      "value_cents": 62000,
      "quantity": {
        "amount": 60,
        "scale": 0,
        "unit": "NO"
      }
    }
  ],
  "cargo_release": {
    "estimated_value_cents": 148000,
    "split_shipment": false
  }
}
"""#),
    ]
}
