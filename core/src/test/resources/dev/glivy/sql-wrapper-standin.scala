// Stand-in for the few Spark objects Glivy's generated Scala SQL wrapper calls: spark.sql(q), df.schema.json,
// df.toJSON.take(n). Rows carry the query as received (JSON-escaped and as UTF-8 hex) and non-ASCII text, as Spark
// prints it (raw). Used by SqlWrapperScalaTest. Keep it free of unicode escapes: scalac expands them in source.
object GlivyStandIn {
  var counts: List[Int] = Nil
  var took: List[Int] = Nil
  def quote(s: String): String = {
    val b = new StringBuilder("\"")
    s.foreach { c =>
      if (c == '"' || c == '\\') b.append('\\').append(c)
      else if (c < ' ') b.append('\\').append('u').append(Integer.toHexString(c | 0x10000).substring(1))
      else b.append(c)
    }
    b.append('"').toString
  }
  def hex(s: String): String = s.getBytes("UTF-8").map(x => "%02x".format(x & 0xff)).mkString
}
class GlivyStandInSchema(val json: String)
class GlivyStandInRows(rows: Array[String]) {
  def take(n: Int): Array[String] = { GlivyStandIn.took = GlivyStandIn.took :+ n; rows.take(n) }
}
class GlivyStandInFrame(q: String, count: Int) {
  val schema = new GlivyStandInSchema("{\"type\":\"struct\",\"fields\":[{\"name\":\"q\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},{\"name\":\"n\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},{\"name\":\"hex\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},{\"name\":\"note\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}")
  def toJSON: GlivyStandInRows = new GlivyStandInRows(Array.tabulate(count)(i =>
    "{\"q\":" + GlivyStandIn.quote(q) + ",\"n\":" + i + ",\"hex\":\"" + GlivyStandIn.hex(q) + "\",\"note\":\"é😀\"}"))
}
object spark {
  object conf {
    var m: Map[String, String] = Map("spark.sql.variable.substitute" -> "true")
    def getOption(k: String): Option[String] = m.get(k)
    def set(k: String, v: String): Unit = m += (k -> v)
    def unset(k: String): Unit = m -= k
  }
  def sql(q: String): GlivyStandInFrame = {
    if (conf.m.get("spark.sql.variable.substitute") != Some("false")) {
      throw new IllegalStateException("variable substitution is still on")
    }
    val c = GlivyStandIn.counts.head
    GlivyStandIn.counts = GlivyStandIn.counts.tail
    new GlivyStandInFrame(q, c)
  }
}
